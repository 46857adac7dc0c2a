import { createElement, type ComponentType } from 'react';
import { Button } from 'antd';
import {
  ApartmentOutlined, AuditOutlined, BankOutlined, CalendarOutlined, FundProjectionScreenOutlined, IdcardOutlined,
  SafetyCertificateOutlined, UserOutlined,
} from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { loginPath } from '../../ui/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatCount } from '../../ui/format';
import { useApiQuery } from '../../ui/useApiQuery';
import { useAuth } from '../../app/auth';

interface PortalOverview {
  cityName: string;
  departments: number;
  people: number;
  enterprises: number;
}

interface EntryCard {
  icon: ComponentType;
  title: string;
  text: string;
  /** Where the card leads after login. */
  next: string;
  action: string;
  /** Open to everyone: the link goes straight to `next`, without login. */
  isPublic?: boolean;
}

/** 办事指南: who signs in with which account, and what they find there. */
const GUIDES: EntryCard[] = [
  {
    icon: UserOutlined,
    title: '个人用户',
    text: '使用已开通的个人账号登录，在"我的"中查看本人账号信息。',
    next: '/portal/me',
    action: '个人登录',
  },
  {
    icon: BankOutlined,
    title: '企业用户',
    text: '使用以统一社会信用代码开通的企业账号登录，在"我的"中查看本企业账号信息。',
    next: '/portal/me',
    action: '企业登录',
  },
  {
    icon: IdcardOutlined,
    title: '政务工作人员',
    text: '使用本单位分配的账号登录工作台，按所授角色办理部门、用户、日历、审计等工作。',
    next: '/workbench',
    action: '进入工作台',
  },
];

/** 平台能力: what the platform offers today; each module adds its card here when it ships. */
const CAPABILITIES: EntryCard[] = [
  {
    icon: SafetyCertificateOutlined,
    title: '电子证照验证',
    text: '扫描证照上的二维码，或输入证照标识、上传证照 PDF，核验电子印章与证照状态，无需登录。',
    next: '/verify',
    action: '立即验证',
    isPublic: true,
  },
  {
    icon: SafetyCertificateOutlined,
    title: '统一身份认证',
    text: '个人、企业和政务工作人员一个账号登录，按角色授予权限，连续输错密码自动锁定。',
    next: '/workbench',
    action: '登录使用',
  },
  {
    icon: ApartmentOutlined,
    title: '部门与用户管理',
    text: '维护全市政务部门、统一社会信用代码、行政区划和隶属关系，集中开通和管理账号。',
    next: '/admin/departments',
    action: '登录使用',
  },
  {
    icon: CalendarOutlined,
    title: '工作日历',
    text: '按国务院办公厅公布的节假日和调休安排维护工作日，作为办理时限的计算依据。',
    next: '/admin/calendar',
    action: '登录使用',
  },
  {
    icon: AuditOutlined,
    title: '安全审计',
    text: '所有操作留痕，审计记录以国密 SM3 链式校验防篡改，支持检索与导出。',
    next: '/audit/events',
    action: '登录使用',
  },
  {
    icon: FundProjectionScreenOutlined,
    title: '领导驾驶舱',
    text: '汇总部门、用户、自然人、法人等实时统计，辅助领导掌握全市运行情况。',
    next: '/cockpit',
    action: '登录使用',
  },
];

/** Public home page: "一网通办" with the platform's real public figures, then guides and capabilities. */
export function PortalHomePage() {
  const overview = useApiQuery<PortalOverview>('/portal/overview', undefined, { on401: 'throw' });
  const { user } = useAuth();
  const navigate = useNavigate();
  const city = overview.data?.cityName ?? '';
  const value = (n: number | undefined) => (overview.loading && !overview.data ? '…' : formatCount(n));

  const cardHref = (card: EntryCard) => {
    if (card.isPublic) return card.next;
    if (!user) return loginPath(card.next);
    if (user.kind !== 'staff') return '/portal/me';
    return card.next === '/portal/me' ? '/workbench' : card.next;
  };

  return (
    <>
      <section className="portal-hero">
        <div className="portal-container">
          <h1>一网通办</h1>
          <p className="portal-hero-lead">
            {city ? `${city}一体化数字政府平台，` : '一体化数字政府平台，'}
            汇聚全市政务部门数据与服务，个人、企业和政务工作人员统一身份登录。
          </p>
          <div className="portal-stats" aria-live="polite">
            <Stat label="接入政务部门" value={value(overview.data?.departments)} unit="个" />
            <Stat label="登记自然人" value={value(overview.data?.people)} unit="人" />
            <Stat label="登记法人" value={value(overview.data?.enterprises)} unit="户" />
          </div>
          {overview.error ? (
            <div style={{ marginTop: 16, maxWidth: 720 }}>
              <ErrorAlert error={overview.error} title="统计数据暂时无法获取" onRetry={overview.reload} />
            </div>
          ) : null}
          <div style={{ marginTop: 28 }}>
            <Button size="large" style={{ minWidth: 140 }} onClick={() => navigate(user ? (user.kind === 'staff' ? '/workbench' : '/portal/me') : '/login')}>
              {user ? (user.kind === 'staff' ? '进入工作台' : '进入"我的"') : '登录'}
            </Button>
            <Button size="large" ghost style={{ minWidth: 140, marginInlineStart: 12 }} onClick={() => navigate('/verify')} data-testid="portal-verify">
              验证电子证照
            </Button>
          </div>
        </div>
      </section>

      <section className="portal-section" aria-labelledby="guide-title">
        <div className="portal-container">
          <h2 id="guide-title">办事指南</h2>
          <p className="portal-section-lead">请根据您的身份选择登录方式</p>
          <div className="portal-grid">
            {GUIDES.map((g) => (
              <CardLink key={g.title} card={g} href={cardHref(g)} />
            ))}
          </div>
        </div>
      </section>

      <section className="portal-section" aria-labelledby="capability-title" style={{ paddingBottom: 48 }}>
        <div className="portal-container">
          <h2 id="capability-title">平台能力</h2>
          <p className="portal-section-lead">以下功能按账号角色开放，登录后即可使用</p>
          <div className="portal-grid">
            {CAPABILITIES.map((c) => (
              <CardLink key={c.title} card={c} href={cardHref(c)} />
            ))}
          </div>
        </div>
      </section>
    </>
  );
}

function Stat({ label, value, unit }: { label: string; value: string; unit: string }) {
  return (
    <div className="portal-stat">
      <div className="portal-stat-value">
        {value}
        {value !== '—' && value !== '…' ? <span className="portal-stat-unit">{unit}</span> : null}
      </div>
      <div className="portal-stat-label">{label}</div>
    </div>
  );
}

function CardLink({ card, href }: { card: EntryCard; href: string }) {
  return (
    <Link to={href} className="portal-card">
      <span className="portal-card-icon">{createElement(card.icon)}</span>
      <span className="portal-card-title">{card.title}</span>
      <span className="portal-card-text">{card.text}</span>
      <span className="portal-card-link">{card.action} ›</span>
    </Link>
  );
}
