CREATE TABLE "ticket_acknowledgements" (
	"workspace_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"event_id" uuid,
	"lang" text NOT NULL,
	"deliveries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_acknowledgements_workspace_id_ticket_id_pk" PRIMARY KEY("workspace_id","ticket_id")
);
--> statement-breakpoint
ALTER TABLE "notification_settings" ADD COLUMN "sms" jsonb;