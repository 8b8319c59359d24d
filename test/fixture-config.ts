export const FIXTURE = { password: 'Fixture-pass1', entities: 400 };
export const TEMPLATE_DB = 'weijian_test_template';

/** The maintenance database URL next to TEST_DATABASE_URL (to create and drop test databases). */
export function adminUrl(url: string) {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}
