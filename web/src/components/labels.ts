/** Display labels shared by history, audit and register pages. */
export const ACTION_LABELS: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  restore: '恢复',
  import: '导入',
  login: '登录',
  logout: '退出登录',
  lockout: '账户锁定',
  password: '修改密码',
  'reset-password': '重置密码',
  unlock: '解除锁定',
  'revoke-sessions': '强制下线',
  seed: '初始化',
};

export const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  restore: 'orange',
  lockout: 'red',
};

export const RESOURCE_LABELS: Record<string, string> = {
  entities: '检查对象',
  practitioners: '从业人员',
  inspectors: '执法人员',
  matters: '随机抽查事项',
  checklists: '检查细则',
  regions: '行政区划',
  'grid-cells': '网格',
  agencies: '监督机构',
  users: '用户',
  sessions: '会话',
  calendar: '工作日历',
  demo: '演示数据',
  'import-jobs': '导入任务',
};

export const RECORD_STATUS_LABELS: Record<string, string> = { active: '正常', deleted: '已删除' };

/** Labels of fields every register has (the register's own labels take precedence). */
export const COMMON_FIELD_LABELS: Record<string, string> = {
  recordStatus: '记录状态',
  deletedReason: '删除原因',
  regionCode: '所属区划',
};
