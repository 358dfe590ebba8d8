CREATE TABLE "dashboard_subscriptions" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dashboard_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"frequency" text DEFAULT 'weekly' NOT NULL,
	"hour" integer DEFAULT 8 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_sent_at" timestamp with time zone,
	CONSTRAINT "dashboard_subscriptions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "dashboards" (
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
	"widgets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"shared_with" jsonb DEFAULT '{"roles":[],"teams":[]}'::jsonb NOT NULL,
	"template" text,
	CONSTRAINT "dashboards_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "effort_costs" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"costs" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "north_star_metrics" (
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"target" numeric(18, 4) NOT NULL,
	"period" text DEFAULT 'quarter' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "north_star_metrics_workspace_id_key_pk" PRIMARY KEY("workspace_id","key")
);
--> statement-breakpoint
CREATE TABLE "reports" (
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
	"object" text NOT NULL,
	"filters" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"group_by" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"measures" jsonb NOT NULL,
	"sort" text,
	"row_limit" integer,
	"chart" jsonb NOT NULL,
	"date_field" text,
	"shared_with" jsonb DEFAULT '{"roles":[],"teams":[]}'::jsonb NOT NULL,
	"template" text,
	CONSTRAINT "reports_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "dashboard_subscriptions_dashboard_idx" ON "dashboard_subscriptions" USING btree ("workspace_id","dashboard_id");--> statement-breakpoint
CREATE INDEX "dashboard_subscriptions_updated_idx" ON "dashboard_subscriptions" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "dashboards_updated_idx" ON "dashboards" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "dashboards_template_key" ON "dashboards" USING btree ("workspace_id","template") WHERE "dashboards"."template" is not null;--> statement-breakpoint
CREATE INDEX "reports_updated_idx" ON "reports" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_template_key" ON "reports" USING btree ("workspace_id","template") WHERE "reports"."template" is not null;