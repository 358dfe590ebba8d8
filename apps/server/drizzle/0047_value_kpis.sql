CREATE TABLE "value_kpis" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text,
	"before" double precision NOT NULL,
	"after" double precision NOT NULL,
	"better_when" text NOT NULL,
	"measured_on" date,
	"note" text,
	CONSTRAINT "value_kpis_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "value_kpis_account_idx" ON "value_kpis" USING btree ("workspace_id","account_id");--> statement-breakpoint
CREATE INDEX "value_kpis_updated_idx" ON "value_kpis" USING btree ("workspace_id","updated_at","id");