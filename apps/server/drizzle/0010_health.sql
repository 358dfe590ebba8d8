CREATE TABLE "health_models" (
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
	"is_default" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"applies_to" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metrics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bands" jsonb DEFAULT '{"healthy":80,"watch":60}'::jsonb NOT NULL,
	"lookback_days" integer DEFAULT 90 NOT NULL,
	"published_at" timestamp with time zone,
	"template" text,
	CONSTRAINT "health_models_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "health_overrides" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"score" numeric(5, 2) NOT NULL,
	"band" text NOT NULL,
	"reason" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"end_reason" text,
	CONSTRAINT "health_overrides_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "health_snapshots" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"model_version" integer DEFAULT 1 NOT NULL,
	"score" numeric(5, 2) NOT NULL,
	"band" text NOT NULL,
	"incomplete" boolean DEFAULT false NOT NULL,
	"contributions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"reason" text DEFAULT 'input' NOT NULL,
	CONSTRAINT "health_snapshots_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "metric_values" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"value" numeric(14, 4) NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"source" text DEFAULT 'api' NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "metric_values_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "usage_events" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"type" text NOT NULL,
	"actor" text,
	"feature" text,
	"at" timestamp with time zone NOT NULL,
	"event_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "health_models_updated_idx" ON "health_models" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "health_overrides_active_key" ON "health_overrides" USING btree ("workspace_id","account_id") WHERE "health_overrides"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "health_snapshots_account_idx" ON "health_snapshots" USING btree ("workspace_id","account_id","computed_at");--> statement-breakpoint
CREATE INDEX "metric_values_account_idx" ON "metric_values" USING btree ("workspace_id","account_id","metric","at");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_events_event_key" ON "usage_events" USING btree ("workspace_id","event_id") WHERE "usage_events"."event_id" is not null;--> statement-breakpoint
CREATE INDEX "usage_events_account_idx" ON "usage_events" USING btree ("workspace_id","account_id","type","at");