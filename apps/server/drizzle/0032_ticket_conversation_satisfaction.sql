CREATE TABLE "ticket_messages" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ticket_id" uuid NOT NULL,
	"visibility" text NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid,
	"author_contact_id" uuid,
	"file_ids" uuid[] DEFAULT '{}' NOT NULL,
	"email_status" text,
	"emailed_to" text,
	"emailed_at" timestamp with time zone,
	CONSTRAINT "ticket_messages_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "ticket_rating_links" (
	"id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"contact_id" uuid,
	"token_hash" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"email_status" text NOT NULL,
	CONSTRAINT "ticket_rating_links_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "satisfaction_comment" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "satisfaction_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "ticket_messages_ticket_idx" ON "ticket_messages" USING btree ("workspace_id","ticket_id","created_at","id");--> statement-breakpoint
CREATE INDEX "ticket_messages_files_idx" ON "ticket_messages" USING gin ("file_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_rating_links_token_key" ON "ticket_rating_links" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_rating_links_ticket_key" ON "ticket_rating_links" USING btree ("workspace_id","ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_rating_links_expires_idx" ON "ticket_rating_links" USING btree ("workspace_id","expires_at");