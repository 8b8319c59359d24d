import type { FastifyInstance } from 'fastify';
import { publicComplaintRoutes } from './public';

/** 投诉举报: staff routes, public intake and tracking, Open311 GeoReport v2. */
export async function complaintRoutes(app: FastifyInstance) {
  await app.register(publicComplaintRoutes);
}
