/**
 * Complaints in the browser (GUIDE §2.4): a citizen's complaint submitted on a phone and tracked to its
 * reply while staff accept, assign, verify, handle and reply; an anonymous complaint; a transfer between
 * districts; merging a duplicate; and a stored <script> that stays text.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { login, PASSWORD } from './helpers';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true };
/** A button by its Chinese label: antd spaces two-character labels ("受 理") and icons add their name ("check 受理"). */
const btn = (label: string) => new RegExp(`^(\\S+ )?${[...label].join('\\s*')}$`);

async function staffPage(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await login(page, username);
  return page;
}

/** A logged-in API client (session cookie + CSRF header). */
async function staffApi(request: APIRequestContext, username: string) {
  const res = await request.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  const headers = { 'x-csrf-token': (await res.json()).csrfToken as string };
  return {
    post: async (url: string, data: unknown) => {
      const r = await request.post(url, { headers, data });
      expect(r.status(), await r.text()).toBeLessThan(300);
      return r.json();
    },
    get: async (url: string) => (await request.get(url)).json(),
  };
}

async function submitOnPhone(page: Page, opts: { anonymous: boolean; content: string }) {
  await page.goto('/public');
  await page.getByRole('link', { name: '投诉举报' }).first().click();
  await expect(page.getByRole('heading', { name: '我要投诉举报' })).toBeVisible();
  // the phone's own pickers: plain selects
  await page.getByLabel('问题类别').selectOption({ label: '公共场所卫生' });
  await page.getByLabel('发生了什么').fill(opts.content);
  await page.getByLabel('详细地址').fill('临湖区湖滨路88号游泳馆');
  await page.getByLabel('区县').selectOption({ label: '临湖区' });
  if (opts.anonymous) await page.getByText('匿名投诉', { exact: true }).click();
  else {
    await page.getByLabel('姓名').fill('周小明');
    await page.getByLabel('联系电话').fill('13912345678');
  }
  // the form fits the phone: nothing wider than the screen
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole('button', { name: btn('提交') }).click();
  const code = (await page.getByTestId('tracking-code').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return code;
}

async function openByCode(page: Page, code: string) {
  await page.goto(`/complaints?q=${code}&status=all`);
  await page.getByRole('link', { name: code }).click();
  await expect(page.getByText(code).first()).toBeVisible();
}

test('a citizen submits on a phone and follows the complaint to its reply', async ({ browser }) => {
  const citizen = await (await browser.newContext(PHONE)).newPage();
  const code = await submitOnPhone(citizen, { anonymous: false, content: '湖滨路游泳馆池水浑浊、有异味，游完泳后皮肤瘙痒，好几个人都这样。' });
  await citizen.getByRole('link', { name: /查询办理进度/ }).click();
  await expect(citizen.getByTestId('track-status')).toHaveText('待受理');

  // the section chief accepts and assigns
  const chief = await staffPage(browser, 'chief');
  await openByCode(chief, code);
  await expect(chief.getByTestId('complainant')).toContainText('周*');
  await expect(chief.getByTestId('complainant')).toContainText('139****5678');
  await chief.getByRole('button', { name: btn('受理') }).click();
  await chief.getByRole('dialog').getByRole('button', { name: btn('受理') }).click();
  await expect(chief.getByTestId('next-actor')).toHaveText('科室负责人（分派）');
  await chief.getByRole('button', { name: btn('分派') }).click();
  const assign = chief.getByRole('dialog', { name: '分派承办人' });
  await assign.getByLabel('承办人').click();
  await chief.getByTitle('张明远').click();
  await assign.getByRole('button', { name: btn('分派') }).click();
  await expect(chief.getByTestId('next-actor')).toHaveText('承办人：张明远（核查处理）');
  const url = chief.url();

  // the assigned inspector verifies, handles and replies
  const inspector = await staffPage(browser, 'inspector');
  await inspector.goto(url);
  await inspector.getByRole('button', { name: '登记核查情况' }).click();
  const verify = inspector.getByRole('dialog', { name: '登记核查情况' });
  await verify.getByLabel('核查情况').fill('现场检查：游泳池水浊度、余氯不符合标准，循环过滤设备未正常运行。');
  await verify.getByRole('button', { name: btn('保存') }).click();
  await expect(inspector.getByTestId('next-actor')).toHaveText('承办人：张明远（核查处理）');
  await inspector.getByRole('button', { name: btn('处理') }).click();
  const handle = inspector.getByRole('dialog', { name: '处理' });
  // a click while the dialog is still opening can be lost on a loaded machine: click until the choice shows
  const rectify = handle.locator('label.ant-radio-button-wrapper', { hasText: '责令整改' });
  await expect(async () => {
    await rectify.click();
    await expect(rectify).toHaveClass(/ant-radio-button-wrapper-checked/, { timeout: 1000 });
  }).toPass();
  await handle.getByRole('button', { name: btn('提交') }).click();
  await expect(inspector.getByTestId('next-actor')).toHaveText('承办人：张明远（答复）');
  await inspector.getByRole('button', { name: btn('答复') }).click();
  const reply = '经现场检查，该游泳馆池水水质不符合卫生标准，我所已责令其立即停业整改，复查合格前不得开放。感谢您的监督！';
  const replyDialog = inspector.getByRole('dialog', { name: '答复投诉人' });
  await replyDialog.getByLabel('答复内容').fill(reply);
  await replyDialog.getByRole('button', { name: '发送答复' }).click();
  await expect(inspector.getByTestId('next-actor')).toHaveText('科室负责人（办结）');

  // the citizen sees the reply and every public step, and nobody's name
  await citizen.reload();
  await expect(citizen.getByTestId('track-status')).toHaveText('已答复');
  await expect(citizen.getByTestId('reply-text')).toHaveText(reply);
  await expect(citizen.getByTestId('track-event')).toHaveCount(6);
  await expect(citizen.getByText('经调查核实，已责令被投诉单位整改。')).toBeVisible();
  const text = await citizen.locator('main').innerText();
  for (const secret of ['张明远', '李建华', '周小明', '13912345678', '循环过滤设备']) expect(text).not.toContain(secret);
  expect(await citizen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('an anonymous complaint: accepted like any other, no identity anywhere', async ({ browser }) => {
  const citizen = await (await browser.newContext(PHONE)).newPage();
  const code = await submitOnPhone(citizen, { anonymous: true, content: '湖滨路游泳馆更衣室地面积水、有霉味，拖鞋不消毒。' });
  await citizen.goto(`/public/complaints/track?code=${code.toLowerCase()}`);
  await expect(citizen.getByTestId('track-status')).toHaveText('待受理');

  const chief = await staffPage(browser, 'chief');
  await openByCode(chief, code);
  await expect(chief.getByText('匿名投诉', { exact: true })).toBeVisible();
  await expect(chief.getByRole('button', { name: '查看身份信息' })).toHaveCount(0);
  await chief.getByRole('button', { name: btn('受理') }).click();
  await chief.getByRole('dialog').getByRole('button', { name: btn('受理') }).click();
  await expect(chief.getByTestId('next-actor')).toHaveText('科室负责人（分派）');
  await citizen.reload();
  await expect(citizen.getByTestId('track-status')).toHaveText('已受理');
});

test('the operator registers a call; the chief transfers it to the district that has jurisdiction', async ({ browser }) => {
  const chief = await staffPage(browser, 'chief');
  await chief.goto('/complaints/new');
  await chief.getByText('电话', { exact: true }).click();
  await chief.getByLabel('姓名').fill('钱丽华');
  await chief.getByLabel('联系电话').fill('13600001111');
  await chief.getByLabel('投诉类别').click();
  await chief.getByTitle('医疗美容').click();
  await chief.getByLabel('被投诉单位').fill('云溪区星光美容工作室');
  await chief.getByLabel('发生地点').fill('云溪区星光路18号');
  await chief.getByLabel('投诉内容').fill('星光美容工作室给人注射玻尿酸，操作人员没有医师资格。');
  await chief.getByLabel('投诉内容').press('Control+Enter');
  const code = (await chief.getByTestId('tracking-code').textContent())!.trim();
  await chief.getByRole('button', { name: '查看详情' }).click();
  await expect(chief.getByText('澄江市临湖区卫生健康监督所').first()).toBeVisible();
  const detailUrl = chief.url();

  await chief.getByRole('button', { name: btn('转办') }).click();
  const dialog = chief.getByRole('dialog', { name: '转办' });
  await dialog.getByLabel('转办至').click();
  await chief.getByTitle('澄江市云溪区卫生健康监督所').click();
  await dialog.getByLabel('转办理由').fill('发生地在云溪区，属云溪区管辖');
  await dialog.getByRole('button', { name: btn('转办') }).click();
  await expect(chief).toHaveURL(/\/complaints$/);
  // the first district no longer sees it
  await chief.goto(detailUrl);
  await expect(chief.getByText('投诉不存在或不在您的辖区内')).toBeVisible();

  // the second district has it, with its history
  const other = await staffPage(browser, 'inspector2');
  await other.goto(detailUrl);
  await expect(other.getByText(code).first()).toBeVisible();
  await expect(other.getByTestId('next-actor')).toHaveText('科室负责人（受理）');
  const transfer = other.getByTestId('complaint-event').filter({ hasText: '转办' });
  await expect(transfer).toContainText('澄江市临湖区卫生健康监督所 → 澄江市云溪区卫生健康监督所');
  await expect(transfer).toContainText('发生地在云溪区，属云溪区管辖');
  const pub = await (await other.request.get(`/api/public/complaints/${code}`)).json();
  expect(pub.agencyName).toBe('澄江市云溪区卫生健康监督所');
});

test('a likely duplicate is suggested and merged into the first complaint', async ({ browser, playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const api = await staffApi(request, 'chief');
  // a clinic in the chief's own district (the register list is scoped to his jurisdiction)
  const [unit] = (await api.get(`/api/entities?q=${encodeURIComponent('诊所')}&pageSize=5`)).items as { id: string; name: string }[];
  const body = (content: string, phone: string) => ({
    channel: 'phone', category: 'illegal_practice', content, address: '临湖区某路1号', entityId: unit.id, anonymous: false, name: '测试者', phone,
  });
  const first = await api.post('/api/complaints', body(`${unit.name}有人无证给老人输液打针，针头乱丢，卫生很差。`, '13700000001'));
  const second = await api.post('/api/complaints', body(`${unit.name}里没有资格的人给老人输液打针，针头到处乱丢。`, '13700000002'));
  await request.dispose();

  const chief = await staffPage(browser, 'chief');
  await chief.goto(`/complaints/${second.id}`);
  const suggestion = chief.locator('.ant-list-item', { hasText: first.trackingCode });
  await expect(suggestion).toContainText('同一被投诉单位');
  await suggestion.getByRole('button', { name: '并入该件' }).click();
  await chief.getByRole('dialog', { name: '并案' }).getByRole('button', { name: '确定并案' }).click();
  await expect(chief.getByText('已并案').first()).toBeVisible();
  await expect(chief.getByText(`本件已并入 ${first.trackingCode}`)).toBeVisible();
  await chief.getByRole('link', { name: first.trackingCode }).first().click();
  const merged = chief.locator('.ant-card', { hasText: '并入本件的投诉' });
  await expect(merged).toContainText(second.trackingCode);
});

test('complaint text is shown as text: a stored <script> never runs', async ({ browser, playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const content = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">诊所无证行医';
  const res = await request.post('/api/public/complaints', {
    data: { category: 'illegal_practice', content, address: '临湖区白荡街道幸福路12号', regionCode: '329902', anonymous: true },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { trackingCode } = await res.json();
  await request.dispose();

  const chief = await staffPage(browser, 'chief');
  await openByCode(chief, trackingCode);
  await expect(chief.getByTestId('complaint-content')).toHaveText(content);
  await chief.waitForTimeout(500);
  expect(await chief.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await chief.locator('[data-testid="complaint-content"] img, [data-testid="complaint-content"] script').count()).toBe(0);
  // also in the list
  await chief.goto(`/complaints?q=${trackingCode}&status=all`);
  await expect(chief.getByText('<script>window.__pwned = 1</script>', { exact: false }).first()).toBeVisible();
  expect(await chief.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
