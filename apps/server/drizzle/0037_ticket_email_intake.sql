CREATE TABLE "ticket_email_intake" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"token_hint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ticket_email_intake_log" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"message_key" text NOT NULL,
	"from_address" text,
	"subject" text,
	"outcome" text NOT NULL,
	"reason" text,
	"ticket_id" uuid,
	"ticket_message_id" uuid,
	"contact_id" uuid,
	"skipped_attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "ticket_email_intake_log_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_email_intake_log_message_idx" ON "ticket_email_intake_log" USING btree ("workspace_id","message_key");--> statement-breakpoint
CREATE INDEX "ticket_email_intake_log_received_idx" ON "ticket_email_intake_log" USING btree ("workspace_id","received_at","id");