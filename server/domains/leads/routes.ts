import type { FastifyInstance } from 'fastify';

/** 线索台账. (Being built.) */
export async function leadRoutes(app: FastifyInstance) {
  void app;
}
