import { Suspense, useMemo, useState } from 'react'
import { Badge, Button, ConfigProvider, Grid, Layout, Menu, Space, type MenuProps } from 'antd'
import {
  AuditOutlined,
  CloseOutlined,
  MenuOutlined,
  CrownOutlined,
  AimOutlined,
  AlertOutlined,
  BarChartOutlined,
  BulbOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  DashboardOutlined,
  DollarOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  InboxOutlined,
  BankOutlined,
  RiseOutlined,
  SettingOutlined,
  SmileOutlined,
  CustomerServiceOutlined,
  FieldTimeOutlined,
  HeartOutlined,
  MessageOutlined,
  NotificationOutlined,
  SwapOutlined,
  SyncOutlined,
} from '@ant-design/icons'
import { Outlet, useLocation, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from './auth'
import { GlobalSearch } from './GlobalSearch'
import { LanguageSwitch } from './LanguageSwitch'
import { KeyboardShortcuts } from '../shared/ui/shortcuts'
import { NotificationBell } from '../features/inbox/NotificationBell'
import { useMyWorkspaces } from './workspaces'
import { UserMenu } from './UserMenu'
import { LoadingState } from '../shared/ui/states'
// Not the objects barrel: it would bring Settings' objects tab and its table into every first visit.
import { ObjectIcon } from '../features/objects/object-icons'
import { objectName, useCustomObjects } from '../features/objects/objects.queries'
import { useWaitingCount } from '../features/approvals/approvals.queries'

type Item = {
  key: string
  icon?: React.ReactNode
  label: React.ReactNode
  collection?: string
  /** A titled section of the menu (antd's item group), not a link. */
  type?: 'group'
  children?: Item[]
}
/** The menu's items without the permission hint (antd would pass unknown props to the DOM). */
const menuItems = (items: Item[]): object[] =>
  items.map(({ collection: _c, children, ...i }) => (children ? { ...i, children: menuItems(children) } : i))

export function AppShell() {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  // The other workspaces of this person (issue 20.5): a group of the user menu when there are any.
  const others = (useMyWorkspaces(!!me).data ?? []).filter((w) => !w.current)
  const navigate = useNavigate()
  const location = useLocation()
  const [collapsed, setCollapsed] = useState(false)
  // On a phone the collapsed menu takes no width at all (antd then shows a small tab to open it).
  const phone = !Grid.useBreakpoint().sm
  const customObjects = useCustomObjects(!!me)
  const waiting = useWaitingCount(!!me).data ?? 0

  const items = useMemo(() => {
    const group = (key: string, children: Item[]): Item => ({
      key: `group:${key}`,
      type: 'group',
      label: t(`nav.groups.${key}`),
      children,
    })
    const all: Item[] = [
      { key: '/', icon: <HomeOutlined />, label: t('nav.home') },
      { key: '/inbox', icon: <InboxOutlined />, label: t('inbox.title') },
      {
        key: '/approvals',
        icon: <AuditOutlined />,
        // The count waiting for my decision, read with the entry's name ("Approvals, 2 waiting").
        label: (
          <Space size={6}>
            {t('approvals.nav')}
            {waiting > 0 && (
              <Badge count={waiting} size="small" title={t('approvals.waitingCount', { count: waiting })} />
            )}
          </Space>
        ),
      },
      group('customers', [
        { key: '/accounts', icon: <BankOutlined />, label: t('nav.accounts'), collection: 'accounts' },
        { key: '/contacts', icon: <ContactsOutlined />, label: t('nav.contacts'), collection: 'contacts' },
        {
          key: '/qualification',
          icon: <AimOutlined />,
          label: t('qualification.title'),
          collection: 'accounts',
        },
        { key: '/tiers', icon: <CrownOutlined />, label: t('tiers.nav'), collection: 'accounts' },
        { key: '/health', icon: <HeartOutlined />, label: t('health.board'), collection: 'accounts' },
        { key: '/alerts', icon: <AlertOutlined />, label: t('nav.alerts') },
      ]),
      group('sales', [
        { key: '/leads', icon: <RiseOutlined />, label: t('nav.leads'), collection: 'leads' },
        {
          key: '/pipeline',
          icon: <FundProjectionScreenOutlined />,
          label: t('nav.pipeline'),
          collection: 'opportunities',
        },
        {
          key: '/activities',
          icon: <MessageOutlined />,
          label: t('nav.activities'),
          collection: 'activities',
        },
        { key: '/tasks', icon: <CheckSquareOutlined />, label: t('nav.tasks'), collection: 'tasks' },
        {
          key: 'commerce',
          icon: <DollarOutlined />,
          label: t('nav.commerce'),
          children: (['quotes', 'orders', 'contracts', 'invoices', 'payments'] as const).map((c) => ({
            key: `/${c}`,
            label: t(`nav.${c}`),
            collection: c,
          })),
        },
        {
          key: '/marketing-touches',
          icon: <NotificationOutlined />,
          label: t('nav.marketing'),
          collection: 'marketing-touches',
        },
      ]),
      group('service', [
        { key: '/handoffs', icon: <SwapOutlined />, label: t('handoffs.title'), collection: 'handoffs' },
        { key: '/renewals', icon: <SyncOutlined />, label: t('renewals.title'), collection: 'contracts' },
        {
          key: '/ticket-queue',
          icon: <FieldTimeOutlined />,
          label: t('ticketQueue.title'),
          collection: 'tickets',
        },
        {
          key: '/tickets',
          icon: <CustomerServiceOutlined />,
          label: t('nav.tickets'),
          collection: 'tickets',
        },
        { key: '/surveys', icon: <SmileOutlined />, label: t('surveys.title'), collection: 'surveys' },
      ]),
      group('insight', [
        {
          key: '/dashboards',
          icon: <DashboardOutlined />,
          label: t('dashboards.nav'),
          collection: 'dashboards',
        },
        { key: '/reports', icon: <BarChartOutlined />, label: t('nav.reports') },
        { key: '/insight', icon: <BulbOutlined />, label: t('insight.nav'), collection: 'accounts' },
      ]),
      {
        key: 'group:customObjects',
        type: 'group',
        label: t('objects.navGroup'),
        children: (customObjects.data?.data ?? []).map((o) => ({
          key: `/objects/${o.key}`,
          icon: <ObjectIcon name={o.icon} />,
          label: objectName(o, i18n.language),
          collection: o.key,
        })),
      },
    ]
    const allowed = (i: Item): Item | null => {
      if (i.children) {
        const kids = i.children.map(allowed).filter((x): x is Item => !!x)
        return kids.length ? { ...i, children: kids } : null
      }
      return !i.collection || can(me, i.collection, 'read') ? i : null
    }
    return all.map(allowed).filter((x): x is Item => !!x)
  }, [t, me, customObjects.data, i18n.language, waiting])

  const [, first = '', second] = location.pathname.split('/')
  // A custom object's pages (/objects/:key[/:id]) select its own entry.
  const selected = first === 'objects' && second ? `/objects/${second}` : `/${first}`
  const commercePaths = ['/quotes', '/orders', '/contracts', '/invoices', '/payments']
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        collapsedWidth={phone ? 0 : 80}
        // On a phone the menu opens from the top bar's button, over the page.
        trigger={phone ? null : undefined}
        width={212}
        theme="dark"
        style={{ position: phone ? 'fixed' : 'sticky', top: 0, left: 0, height: '100vh', zIndex: 20 }}
      >
        {/* Compact entries, so every section — Reports included — fits a 900 px high screen; the menu
            scrolls on its own between the brand and Settings, which stays pinned above the collapse
            trigger. */}
        <ConfigProvider theme={{ components: { Menu: { itemHeight: 30, itemMarginBlock: 1 } } }}>
          <div className={phone ? 'sider-column phone' : 'sider-column'}>
            <div className="brand">{collapsed ? 'K' : t('app.name')}</div>
            <nav aria-label={t('app.tagline')} className="sider-nav">
              <Menu
                theme="dark"
                mode="inline"
                selectedKeys={[selected]}
                // Commerce opens when one of its pages is shown; the sections stay short otherwise.
                defaultOpenKeys={commercePaths.includes(selected) ? ['commerce'] : []}
                items={menuItems(items) as MenuProps['items']}
                onClick={(e) => {
                  navigate(e.key)
                  if (phone) setCollapsed(true)
                }}
              />
            </nav>
            <Menu
              theme="dark"
              mode="inline"
              className="sider-pinned"
              selectedKeys={[selected]}
              items={[{ key: '/settings', icon: <SettingOutlined />, label: t('nav.settings') }]}
              onClick={(e) => {
                navigate(e.key)
                if (phone) setCollapsed(true)
              }}
            />
          </div>
        </ConfigProvider>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="topbar">
          {phone && (
            <Button
              type="text"
              icon={collapsed ? <MenuOutlined /> : <CloseOutlined />}
              aria-label={t(collapsed ? 'nav.openMenu' : 'nav.closeMenu')}
              aria-expanded={!collapsed}
              onClick={() => setCollapsed(!collapsed)}
            />
          )}
          <GlobalSearch />
          <Space size={phone ? 4 : 'middle'} className="topbar-tools">
            <KeyboardShortcuts />
            <LanguageSwitch />
            <NotificationBell />
            <UserMenu others={others} />
          </Space>
        </Layout.Header>
        <Layout.Content className="content">
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
