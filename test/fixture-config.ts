export const FIXTURE = { password: 'Fixture-pass1', entities: 400 };
/** Overridable so that several suites can run at once on one server (e.g. WEIJIAN_TEST_TEMPLATE=wj_tpl_a). */
export const TEMPLATE_DB = process.env.WEIJIAN_TEST_TEMPLATE ?? 'weijian_test_template';

/** The maintenance database URL next to TEST_DATABASE_URL (to create and drop test databases). */
export function adminUrl(url: string) {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}
