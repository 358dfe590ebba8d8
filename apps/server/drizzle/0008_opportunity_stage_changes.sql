CREATE TABLE "opportunity_stage_changes" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"direction" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" uuid,
	"waivers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "opportunity_stage_changes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "opp_stage_changes_opp_idx" ON "opportunity_stage_changes" USING btree ("workspace_id","opportunity_id","changed_at");--> statement-breakpoint
CREATE INDEX "opp_stage_changes_at_idx" ON "opportunity_stage_changes" USING btree ("workspace_id","changed_at");