CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" varchar(64),
	"action" varchar(32) NOT NULL,
	"resource" varchar(48) NOT NULL,
	"resource_id" varchar(64) NOT NULL,
	"region_code" varchar(12),
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"prev_hash" varchar(64) NOT NULL,
	"hash" varchar(64) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" varchar(8) NOT NULL,
	"name" varchar(64) NOT NULL,
	"source" varchar(16) DEFAULT 'seed' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"register" varchar(48) NOT NULL,
	"filename" varchar(255),
	"file_sha256" varchar(64),
	"status" varchar(16) NOT NULL,
	"total_rows" integer NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"csrf_token" varchar(64) NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" varchar(64),
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" varchar(64) PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"username" varchar(64) NOT NULL,
	"display_name" varchar(64) NOT NULL,
	"password_hash" text NOT NULL,
	"roles" text[] NOT NULL,
	"agency_id" uuid,
	"entity_id" uuid,
	"phone" varchar(32),
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"password_changed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"name" varchar(100) NOT NULL,
	"short_name" varchar(32) NOT NULL,
	"level" varchar(8) NOT NULL,
	"parent_id" uuid,
	"doc_prefix" varchar(16) NOT NULL,
	"address" varchar(200),
	"phone" varchar(32),
	"head_name" varchar(32)
);
--> statement-breakpoint
CREATE TABLE "checklists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"code" varchar(32) NOT NULL,
	"name" varchar(200) NOT NULL,
	"category" varchar(48) NOT NULL,
	"effective_from" date,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"credit_code" varchar(18) NOT NULL,
	"name" varchar(200) NOT NULL,
	"address" varchar(300) NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"grid_code" varchar(20),
	"legal_rep" varchar(64),
	"contact_phone" varchar(32),
	"categories" text[] NOT NULL,
	"licences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"beds" integer,
	"operating_status" varchar(16) DEFAULT 'operating' NOT NULL,
	"risk_grade" varchar(8),
	"credit_class" varchar(8)
);
--> statement-breakpoint
CREATE TABLE "grid_cells" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"code" varchar(20) NOT NULL,
	"name" varchar(100) NOT NULL,
	"assistant_name" varchar(32),
	"assistant_phone" varchar(32),
	"assistant_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "inspectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"name" varchar(64) NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid,
	"credential_no" varchar(32) NOT NULL,
	"credential_expiry" date NOT NULL,
	"specialties" text[] NOT NULL,
	"legal_qualification" boolean DEFAULT false NOT NULL,
	"position" varchar(32),
	"phone" varchar(32),
	"training_hours" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"code" varchar(32) NOT NULL,
	"name" varchar(200) NOT NULL,
	"category" varchar(48) NOT NULL,
	"legal_basis" text NOT NULL,
	"subject" varchar(100) NOT NULL,
	"level" varchar(8) NOT NULL,
	"ratio" numeric(5, 2),
	"frequency" varchar(32) NOT NULL,
	"method" varchar(100) NOT NULL,
	"staff_requirement" varchar(200)
);
--> statement-breakpoint
CREATE TABLE "practitioners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"name" varchar(64) NOT NULL,
	"gender" varchar(4),
	"id_number_enc" text,
	"id_number_hash" varchar(64),
	"id_number_masked" varchar(24),
	"certificate_no" varchar(32) NOT NULL,
	"category" varchar(32) NOT NULL,
	"practice_scope" varchar(100),
	"entity_id" uuid,
	"phone" varchar(32)
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"code" varchar(12) NOT NULL,
	"parent_code" varchar(12),
	"level" smallint NOT NULL,
	"name" varchar(64) NOT NULL,
	"full_name" varchar(200) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_resource_idx" ON "audit_events" USING btree ("resource","resource_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_uq" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "users_region_idx" ON "users" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "agencies_region_idx" ON "agencies" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "checklists_region_idx" ON "checklists" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "entities_credit_code_idx" ON "entities" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "entities_region_idx" ON "entities" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "entities_name_trgm" ON "entities" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "entities_categories_idx" ON "entities" USING gin ("categories");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_cells_code_uq" ON "grid_cells" USING btree ("code");--> statement-breakpoint
CREATE INDEX "grid_cells_region_idx" ON "grid_cells" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "inspectors_region_idx" ON "inspectors" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "inspectors_agency_idx" ON "inspectors" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "matters_region_idx" ON "matters" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "practitioners_region_idx" ON "practitioners" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "practitioners_entity_idx" ON "practitioners" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "practitioners_cert_idx" ON "practitioners" USING btree ("certificate_no");--> statement-breakpoint
CREATE INDEX "practitioners_idhash_idx" ON "practitioners" USING btree ("id_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "regions_code_uq" ON "regions" USING btree ("code");--> statement-breakpoint
CREATE INDEX "regions_region_idx" ON "regions" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");