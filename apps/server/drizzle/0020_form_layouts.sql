CREATE TABLE "form_layouts" (
	"workspace_id" uuid NOT NULL,
	"object" text NOT NULL,
	"sections" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "form_layouts_workspace_id_object_pk" PRIMARY KEY("workspace_id","object")
);
