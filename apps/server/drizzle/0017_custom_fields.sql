CREATE TABLE "field_definitions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"object" text NOT NULL,
	"key" text NOT NULL,
	"type" text NOT NULL,
	"label" text NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"unique" boolean DEFAULT false NOT NULL,
	"default_value" jsonb,
	"help_text" text,
	"filterable" boolean DEFAULT false NOT NULL,
	"sortable" boolean DEFAULT false NOT NULL,
	"min" double precision,
	"max" double precision,
	"pattern" text,
	"formula" text,
	"result_type" text,
	"rollup" jsonb,
	"relation" jsonb,
	"position" integer DEFAULT 0 NOT NULL,
	"index_status" text DEFAULT 'none' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "field_definitions_key_idx" ON "field_definitions" USING btree ("workspace_id","object","key");--> statement-breakpoint
CREATE INDEX "field_definitions_changed_idx" ON "field_definitions" USING btree ("workspace_id","updated_at");