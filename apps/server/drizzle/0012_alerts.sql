CREATE TABLE "alert_rules" (
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
	"name" text NOT NULL,
	"description" text,
	"type" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"severity" text DEFAULT 'warning' NOT NULL,
	"escalation" jsonb,
	"start_playbook" text,
	"notify" boolean DEFAULT true NOT NULL,
	"template" text,
	CONSTRAINT "alert_rules_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "alert_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"outcomes" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "alerts" (
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
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rule_id" uuid,
	"rule_key" text,
	"notify" boolean DEFAULT true NOT NULL,
	"snoozed_until" timestamp with time zone,
	"snooze_note" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"outcome" text,
	"resolution_note" text,
	"reopened_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"playbook_id" uuid,
	"playbook_task_ids" jsonb,
	"last_seen_at" timestamp with time zone,
	CONSTRAINT "alerts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "relationship_signals" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key_contact" boolean DEFAULT false NOT NULL,
	"key_role" text,
	"replaced_contact_id" uuid,
	"before" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"after" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_event_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationship_signals_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alert_rules_key" ON "alert_rules" USING btree ("workspace_id","key") WHERE "alert_rules"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "alert_rules_updated_idx" ON "alert_rules" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_unresolved_key" ON "alerts" USING btree ("workspace_id","account_id","type") WHERE "alerts"."status" <> 'resolved' and "alerts"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "alerts_status_idx" ON "alerts" USING btree ("workspace_id","status","created_at");--> statement-breakpoint
CREATE INDEX "alerts_account_idx" ON "alerts" USING btree ("workspace_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "alerts_updated_idx" ON "alerts" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "relationship_signals_account_idx" ON "relationship_signals" USING btree ("workspace_id","account_id","at");--> statement-breakpoint
CREATE INDEX "relationship_signals_contact_idx" ON "relationship_signals" USING btree ("workspace_id","contact_id","at");