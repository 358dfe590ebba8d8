CREATE TABLE "custom_objects" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"plural_label" text NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"icon" text,
	CONSTRAINT "custom_objects_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "custom_records" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"object" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "custom_records_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "custom_objects_key_idx" ON "custom_objects" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE INDEX "custom_records_object_updated_idx" ON "custom_records" USING btree ("workspace_id","object","updated_at");--> statement-breakpoint
CREATE INDEX "custom_records_object_name_idx" ON "custom_records" USING btree ("workspace_id","object","name");