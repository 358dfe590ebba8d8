CREATE TABLE "account_merges" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"moved" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"merged_by" uuid,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_merges_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "account_merges_survivor_idx" ON "account_merges" USING btree ("workspace_id","survivor_id");--> statement-breakpoint
CREATE INDEX "account_merges_merged_idx" ON "account_merges" USING btree ("workspace_id","merged_id");