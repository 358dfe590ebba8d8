CREATE TABLE "opportunity_committee_members" (
	"workspace_id" uuid NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"added_by" uuid,
	CONSTRAINT "opportunity_committee_members_workspace_id_opportunity_id_contact_id_pk" PRIMARY KEY("workspace_id","opportunity_id","contact_id")
);
--> statement-breakpoint
ALTER TABLE "decision_map_playbooks" ADD COLUMN "gap_rules" jsonb;--> statement-breakpoint
ALTER TABLE "decision_map_playbooks" ADD COLUMN "gap_rules_updated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "opportunity_committee_contact_idx" ON "opportunity_committee_members" USING btree ("workspace_id","contact_id");