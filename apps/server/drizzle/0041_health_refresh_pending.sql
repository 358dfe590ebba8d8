CREATE TABLE "health_refresh_pending" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "health_refresh_pending_workspace_id_account_id_pk" PRIMARY KEY("workspace_id","account_id")
);
