/** A page loaded together with antd (AntdScope): antd arrives with the page, not before. */
import { lazy, type ComponentType } from 'react';

export function lazyWithAntd(load: () => Promise<{ default: ComponentType }>) {
  return lazy(async () => {
    const [{ AntdScope }, page] = await Promise.all([import('./AntdScope'), load()]);
    const Page = page.default;
    return { default: () => <AntdScope><Page /></AntdScope> };
  });
}
