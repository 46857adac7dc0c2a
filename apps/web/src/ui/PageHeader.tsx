import { Breadcrumb, Flex, Typography } from 'antd';
import { Link } from 'react-router';

export interface PageHeaderProps {
  title: React.ReactNode;
  /** One line under the title saying what the page is for. */
  subtitle?: React.ReactNode;
  /** Buttons on the right. */
  extra?: React.ReactNode;
  /** Trail above the title; the last item is the current page. */
  breadcrumb?: { title: string; path?: string }[];
}

/** The title block every admin page starts with. */
export function PageHeader({ title, subtitle, extra, breadcrumb }: PageHeaderProps) {
  return (
    <div className="page-header">
      {breadcrumb && breadcrumb.length > 0 ? (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={breadcrumb.map((b) => ({ title: b.path ? <Link to={b.path}>{b.title}</Link> : b.title }))}
        />
      ) : null}
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle ? (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {subtitle}
            </Typography.Text>
          ) : null}
        </div>
        {extra ? <Flex gap={8} wrap>{extra}</Flex> : null}
      </Flex>
    </div>
  );
}
