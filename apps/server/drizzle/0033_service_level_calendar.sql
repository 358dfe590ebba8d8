CREATE TABLE "business_calendars" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"week" jsonb NOT NULL,
	"holidays" jsonb NOT NULL,
	"workdays" jsonb NOT NULL,
	"extra_day_hours" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ticket_sla_events" (
	"workspace_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"target" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_sla_events_workspace_id_ticket_id_target_kind_pk" PRIMARY KEY("workspace_id","ticket_id","target","kind")
);
--> statement-breakpoint
-- Tier packages saved before resolution targets existed get the default ones (strategic 8 h, growth 24 h,
-- essential 72 h), never below the package's own response hours; their response hours stay as they were.
UPDATE "tier_rules" SET "packages" = (
  SELECT jsonb_agg(
    CASE WHEN p->'entitlements' ? 'resolutionHours' THEN p
    ELSE jsonb_set(p, '{entitlements,resolutionHours}', to_jsonb(greatest(
      CASE p->>'tier' WHEN 'strategic' THEN 8 WHEN 'growth' THEN 24 ELSE 72 END,
      coalesce((p->'entitlements'->>'responseHours')::int, 0))))
    END ORDER BY e.ord)
  FROM jsonb_array_elements("packages") WITH ORDINALITY AS e(p, ord)
) WHERE jsonb_typeof("packages") = 'array' AND jsonb_array_length("packages") > 0;
