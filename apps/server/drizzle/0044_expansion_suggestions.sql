CREATE TABLE "expansion_suggestions" (
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
	"kind" text NOT NULL,
	"basis" text NOT NULL,
	"rule" text NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opportunity_id" uuid,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"dismiss_reason" text,
	"dismissed_at" timestamp with time zone,
	"dismissed_by" uuid,
	CONSTRAINT "expansion_suggestions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "expansion_suggestions_account_idx" ON "expansion_suggestions" USING btree ("workspace_id","account_id","status");--> statement-breakpoint
CREATE INDEX "expansion_suggestions_updated_idx" ON "expansion_suggestions" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "expansion_suggestions_open_key" ON "expansion_suggestions" USING btree ("workspace_id","account_id","basis") WHERE "expansion_suggestions"."status" = 'open' and "expansion_suggestions"."deleted_at" is null;