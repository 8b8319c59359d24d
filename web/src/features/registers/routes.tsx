/** Route elements of the register pages (loaded as one lazy chunk). */
import { Result } from 'antd';
import { useAuth } from '../../app/auth';
import { entitiesConfig } from '../entities/config';
import { REGISTER_CONFIGS } from './configs';
import { RegisterDetailPage } from './RegisterDetailPage';
import { RegisterListPage } from './RegisterListPage';

export function RegisterList({ name }: { name: string }) {
  const config = REGISTER_CONFIGS[name];
  return <RegisterListPage key={name} config={config} />;
}

export function RegisterDetail({ name }: { name: string }) {
  const config = REGISTER_CONFIGS[name];
  return <RegisterDetailPage key={name} config={config} />;
}

/** 本单位信息: a unit user's own entity. */
export function MyEntity() {
  const { me } = useAuth();
  if (!me?.user.entityId) return <Result status="warning" title="账号未关联单位" subTitle="请联系监督机构为您的账号关联所属单位。" />;
  return <RegisterDetailPage config={entitiesConfig} id={me.user.entityId} title="本单位信息" standalone />;
}
