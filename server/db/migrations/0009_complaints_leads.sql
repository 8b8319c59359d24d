CREATE TABLE "complainant_views" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"user_name" varchar(64) NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"purpose" varchar(64)
);
--> statement-breakpoint
CREATE TABLE "complainants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"name" varchar(64),
	"phone" varchar(32),
	"id_number" varchar(18),
	"contact_address" varchar(300),
	"email" varchar(128),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" varchar(32) NOT NULL,
	"from_status" varchar(16),
	"to_status" varchar(16),
	"note" text,
	"public_text" text,
	"from_agency_id" uuid,
	"to_agency_id" uuid,
	"actor_id" uuid,
	"actor_name" varchar(64)
);
--> statement-breakpoint
CREATE TABLE "complaint_sla" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" varchar(16) DEFAULT '*' NOT NULL,
	"category" varchar(24) DEFAULT '*' NOT NULL,
	"step" varchar(16) NOT NULL,
	"days" integer NOT NULL,
	"unit" varchar(8) NOT NULL,
	"basis" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"tracking_code" varchar(16) NOT NULL,
	"channel" varchar(16) NOT NULL,
	"category" varchar(24) NOT NULL,
	"content" text NOT NULL,
	"address" varchar(300),
	"lng" double precision,
	"lat" double precision,
	"place_region_code" varchar(12),
	"entity_id" uuid,
	"unit_name" varchar(200),
	"occurred_on" date,
	"anonymous" boolean DEFAULT false NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"external_ref" varchar(64),
	"submission_key" varchar(64),
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"agency_id" uuid NOT NULL,
	"section" varchar(64),
	"assignee_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"assignee_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" varchar(16) DEFAULT 'registered' NOT NULL,
	"next_actor" varchar(64),
	"next_due" date,
	"accept_due" date,
	"conclude_due" date,
	"extended_due" date,
	"extension_reason" text,
	"extension_approved_by" uuid,
	"accepted_at" timestamp with time zone,
	"reject_reason" text,
	"findings" text,
	"outcome" varchar(16),
	"lead_id" uuid,
	"reply_text" text,
	"replied_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"satisfaction" smallint,
	"callback_at" timestamp with time zone,
	"callback_note" text,
	"merged_into" uuid
);
--> statement-breakpoint
CREATE TABLE "lead_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lead_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" varchar(32) NOT NULL,
	"from_status" varchar(16),
	"to_status" varchar(16),
	"note" text,
	"actor_id" uuid,
	"actor_name" varchar(64)
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"record_status" varchar(16) DEFAULT 'active' NOT NULL,
	"deleted_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"code" varchar(48) NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"seq" integer NOT NULL,
	"source" varchar(16) NOT NULL,
	"origin_type" varchar(16),
	"origin_id" uuid,
	"origin_ref" varchar(200),
	"entity_id" uuid,
	"unit_name" varchar(200) NOT NULL,
	"facts" text NOT NULL,
	"category" varchar(24),
	"received_on" date NOT NULL,
	"handler_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"handler_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" varchar(16) DEFAULT 'registered' NOT NULL,
	"verification" text,
	"verified_on" date,
	"filing_due" date,
	"extended_due" date,
	"extension_reason" text,
	"extension_approved_by" uuid,
	"disposition" varchar(16),
	"disposition_on" date,
	"disposition_reason" text,
	"approved_by" uuid,
	"approver_name" varchar(64),
	"transfer_to" varchar(100),
	"transfer_doc_no" varchar(100),
	"merged_into" uuid
);
--> statement-breakpoint
CREATE INDEX "complainant_views_complaint_idx" ON "complainant_views" USING btree ("complaint_id","id");--> statement-breakpoint
CREATE INDEX "complainants_complaint_idx" ON "complainants" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "complainants_phone_idx" ON "complainants" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events" USING btree ("complaint_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_sla_uq" ON "complaint_sla" USING btree ("channel","category","step");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_tracking_uq" ON "complaints" USING btree ("tracking_code");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_submission_uq" ON "complaints" USING btree ("submission_key");--> statement-breakpoint
CREATE INDEX "complaints_region_idx" ON "complaints" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "complaints_assignees_idx" ON "complaints" USING gin ("assignee_ids");--> statement-breakpoint
CREATE INDEX "complaints_next_due_idx" ON "complaints" USING btree ("status","next_due");--> statement-breakpoint
CREATE INDEX "complaints_entity_idx" ON "complaints" USING btree ("entity_id","received_at");--> statement-breakpoint
CREATE INDEX "complaints_received_idx" ON "complaints" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "lead_events_lead_idx" ON "lead_events" USING btree ("lead_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_code_uq" ON "leads" USING btree ("agency_id","year","seq");--> statement-breakpoint
CREATE INDEX "leads_region_idx" ON "leads" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "leads_origin_idx" ON "leads" USING btree ("origin_type","origin_id");--> statement-breakpoint
CREATE INDEX "leads_handlers_idx" ON "leads" USING gin ("handler_ids");