CREATE TABLE "instance_operators" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "instance_operators_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "linked_workspace_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;