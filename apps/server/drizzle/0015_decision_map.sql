CREATE TABLE "decision_map_playbooks" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"roles" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "influences" uuid[];--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "relationship_owner_id" uuid;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "relationship_level" integer;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "target_level" integer;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "placeholder" boolean DEFAULT false;