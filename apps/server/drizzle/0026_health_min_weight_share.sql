ALTER TABLE "health_snapshots" ALTER COLUMN "score" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "health_snapshots" ALTER COLUMN "band" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "health_models" ADD COLUMN "min_weight_share" double precision DEFAULT 0.5 NOT NULL;--> statement-breakpoint
ALTER TABLE "health_snapshots" ADD COLUMN "status" text DEFAULT 'scored' NOT NULL;