import { Space, Tag, Tooltip } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ChurnRiskList } from './churn.queries'

type Driver = ChurnRiskList['data'][number]['drivers'][number]

/** A churn probability as a percentage, coloured by how high it is. */
export function RiskTag({ probability }: { probability: number }) {
  const color = probability >= 0.5 ? 'red' : probability >= 0.25 ? 'orange' : 'green'
  return <Tag color={color}>{(probability * 100).toFixed(0)}%</Tag>
}

/** The features that move a risk, each with its direction (raises ↑ red, lowers ↓ green). */
export function ChurnDrivers({ drivers }: { drivers: Driver[] }) {
  const { t } = useTranslation()
  if (!drivers.length) return <span>—</span>
  return (
    <Space size={[4, 4]} wrap>
      {drivers.map((d) => (
        <Tooltip
          key={d.feature}
          title={t(`insightChurn.driver.${d.direction}`, {
            value: d.value === null ? '—' : Number(d.value.toFixed(2)),
            contribution: d.contribution.toFixed(2),
          })}
        >
          <Tag
            color={d.direction === 'raises' ? 'volcano' : 'green'}
            icon={d.direction === 'raises' ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
            data-testid="churn-driver"
          >
            {d.label}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  )
}
