import {
  AppstoreOutlined,
  BookOutlined,
  CarOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  FlagOutlined,
  GiftOutlined,
  ProjectOutlined,
  ShopOutlined,
  ToolOutlined,
  TrophyOutlined,
} from '@ant-design/icons'

/** The icons an object can have (by name, as the API stores it); `appstore` when it has none. */
export const objectIcons = {
  appstore: AppstoreOutlined,
  environment: EnvironmentOutlined,
  project: ProjectOutlined,
  file: FileTextOutlined,
  tool: ToolOutlined,
  shop: ShopOutlined,
  car: CarOutlined,
  gift: GiftOutlined,
  flag: FlagOutlined,
  trophy: TrophyOutlined,
  book: BookOutlined,
  experiment: ExperimentOutlined,
} as const

export type ObjectIconName = keyof typeof objectIcons

export function ObjectIcon({ name }: { name?: string | null }) {
  const Icon = objectIcons[(name ?? 'appstore') as ObjectIconName] ?? AppstoreOutlined
  return <Icon aria-hidden />
}
