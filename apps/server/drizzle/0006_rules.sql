CREATE TABLE "playbooks" (
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
	"description" text,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"template" text,
	CONSTRAINT "playbooks_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "rule_date_fires" (
	"workspace_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"fire_key" text NOT NULL,
	"fired_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_date_fires_workspace_id_rule_id_entity_id_fire_key_pk" PRIMARY KEY("workspace_id","rule_id","entity_id","fire_key")
);
--> statement-breakpoint
CREATE TABLE "rule_runs" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"rule_version" integer NOT NULL,
	"trigger" text NOT NULL,
	"event_id" uuid,
	"entity_type" text,
	"entity_id" uuid,
	"depth" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"matched" boolean NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "rule_runs_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "rule_versions" (
	"workspace_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_versions_workspace_id_rule_id_version_pk" PRIMARY KEY("workspace_id","rule_id","version")
);
--> statement-breakpoint
CREATE TABLE "rules" (
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
	"description" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"trigger" jsonb NOT NULL,
	"trigger_kind" text NOT NULL,
	"trigger_entity" text,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hook_key" text,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_run_at" timestamp with time zone,
	"run_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"template" text,
	CONSTRAINT "rules_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "playbooks_updated_idx" ON "playbooks" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "rule_runs_rule_idx" ON "rule_runs" USING btree ("workspace_id","rule_id","started_at");--> statement-breakpoint
CREATE INDEX "rule_runs_entity_idx" ON "rule_runs" USING btree ("workspace_id","entity_id","started_at");--> statement-breakpoint
CREATE INDEX "rule_runs_started_idx" ON "rule_runs" USING btree ("workspace_id","started_at");--> statement-breakpoint
CREATE INDEX "rules_trigger_idx" ON "rules" USING btree ("workspace_id","trigger_kind","trigger_entity");--> statement-breakpoint
CREATE INDEX "rules_updated_idx" ON "rules" USING btree ("workspace_id","updated_at","id");