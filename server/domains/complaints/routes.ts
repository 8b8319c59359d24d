import type { FastifyInstance } from 'fastify';

/** 投诉举报: staff routes, public intake and tracking, Open311 GeoReport v2. (Being built.) */
export async function complaintRoutes(app: FastifyInstance) {
  void app;
}
