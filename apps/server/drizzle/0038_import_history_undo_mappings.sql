CREATE TABLE "import_items" (
	"workspace_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"entity_id" uuid NOT NULL,
	"action" text NOT NULL,
	"version" integer NOT NULL,
	"before" jsonb,
	"undone" text,
	CONSTRAINT "import_items_workspace_id_import_id_seq_pk" PRIMARY KEY("workspace_id","import_id","seq")
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"name" text NOT NULL,
	"object" text NOT NULL,
	"headers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"header_key" text NOT NULL,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "import_mappings_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "updated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "channel" text DEFAULT 'api' NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "source_id" uuid;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "source_name" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "undo_state" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "undo" jsonb;--> statement-breakpoint
CREATE INDEX "import_mappings_headers_idx" ON "import_mappings" USING btree ("workspace_id","object","header_key");