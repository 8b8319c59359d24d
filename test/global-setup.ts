/**
 * Builds the fixture database once per run: migrations plus a small demo city. Each test file then
 * starts from a private copy — a PGlite data-dir dump, or a PostgreSQL database cloned from a template
 * when TEST_DATABASE_URL is set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../server/db/client';
import { initSecretKey } from '../server/platform/crypto';
import { FIXTURE, TEMPLATE_DB, adminUrl } from './fixture-config';

export default async function setup(project: TestProject) {
  process.env.WEIJIAN_SECRET_KEY ??= '4f1c2d3e4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0';
  initSecretKey({ secretKey: process.env.WEIJIAN_SECRET_KEY });
  const { loadDemoCity } = await import('../server/demo/load');
  const { seedCalendar } = await import('../server/platform/calendar/store');
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${TEMPLATE_DB}`;
    const database = await openDatabase({ url: u.toString() });
    await seedCalendar(database.db);
    await loadDemoCity(database, { password: FIXTURE.password, entities: FIXTURE.entities });
    await database.close();
    project.provide('fixture', { kind: 'postgres', value: url });
    return async () => {
      const c = new pg.Client({ connectionString: adminUrl(url) });
      await c.connect();
      await c.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
      await c.end();
    };
  }
  const database = await openDatabase({});
  await seedCalendar(database.db);
  await loadDemoCity(database, { password: FIXTURE.password, entities: FIXTURE.entities });
  const dump = await database.dump!();
  await database.close();
  const file = path.join(os.tmpdir(), `weijian-fixture-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('fixture', { kind: 'pglite', value: file });
  return () => fs.rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    fixture: { kind: 'pglite' | 'postgres'; value: string };
  }
}
