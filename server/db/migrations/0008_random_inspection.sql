CREATE TABLE "draw_snapshots" (
	"plan_id" uuid PRIMARY KEY NOT NULL,
	"frozen_gz" "bytea" NOT NULL,
	"bundle_gz" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"name" varchar(255) NOT NULL,
	"mime" varchar(100) NOT NULL,
	"size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "inspector_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"inspector_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"agency_id" uuid NOT NULL,
	"level" varchar(8) NOT NULL,
	"year" smallint NOT NULL,
	"name" varchar(200) NOT NULL,
	"matter_ids" uuid[] NOT NULL,
	"categories" text[] NOT NULL,
	"target_regions" text[] NOT NULL,
	"carrier_agency_ids" uuid[] NOT NULL,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"strata" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"exclusions" jsonb NOT NULL,
	"weights" jsonb NOT NULL,
	"description" text,
	"source" varchar(16) DEFAULT 'local' NOT NULL,
	"issued_by" varchar(200),
	"handed_down_ids" uuid[],
	"status" varchar(16) DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"drawn_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"candidate_count" integer,
	"plan_hash" varchar(64),
	"candidates_hash" varchar(64),
	"inspectors_hash" varchar(64),
	"commitment" varchar(64),
	"secret_enc" text,
	"public_value" varchar(200),
	"draw_operator" varchar(64)
);
--> statement-breakpoint
CREATE TABLE "task_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" varchar(32) NOT NULL,
	"from_status" varchar(16),
	"to_status" varchar(16),
	"reason" text,
	"actor_id" uuid,
	"actor_name" varchar(64),
	"public" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"plan_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"entity_name" varchar(200) NOT NULL,
	"credit_code" varchar(18) NOT NULL,
	"address" varchar(300),
	"stratum" varchar(32) NOT NULL,
	"seq" integer NOT NULL,
	"inspector_ids" uuid[] NOT NULL,
	"inspector_names" text[] NOT NULL,
	"unstaffed_reason" text,
	"due_date" date NOT NULL,
	"status" varchar(16) NOT NULL,
	"result" varchar(16),
	"unable_reason" varchar(32),
	"summary" text,
	"inspected_on" date,
	"publish_by" date,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"follow_up_status" varchar(16) DEFAULT 'none' NOT NULL,
	"follow_up_due" date,
	"follow_up_on" date,
	"follow_up_result" varchar(16),
	"follow_up_note" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "inspectors" ADD COLUMN "home_town_code" varchar(12);--> statement-breakpoint
CREATE INDEX "inspector_conflicts_inspector_idx" ON "inspector_conflicts" USING btree ("inspector_id");--> statement-breakpoint
CREATE INDEX "inspector_conflicts_entity_idx" ON "inspector_conflicts" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "plans_region_idx" ON "plans" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "plans_year_idx" ON "plans" USING btree ("year","status");--> statement-breakpoint
CREATE INDEX "task_events_task_idx" ON "task_events" USING btree ("task_id","id");--> statement-breakpoint
CREATE INDEX "task_events_plan_idx" ON "task_events" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_plan_entity_uq" ON "tasks" USING btree ("plan_id","entity_id");--> statement-breakpoint
CREATE INDEX "tasks_plan_idx" ON "tasks" USING btree ("plan_id","stratum","seq");--> statement-breakpoint
CREATE INDEX "tasks_inspectors_idx" ON "tasks" USING gin ("inspector_ids");--> statement-breakpoint
CREATE INDEX "tasks_entity_idx" ON "tasks" USING btree ("entity_id","inspected_on");--> statement-breakpoint
CREATE INDEX "tasks_region_idx" ON "tasks" USING btree ("region_code" text_pattern_ops);