import { DeliveryLog } from '../inbox/DeliveryLog'
import { SmsCard } from '../inbox/SmsCard'
import { SmtpCard } from '../inbox/SmtpCard'
import { WebhooksCard } from '../inbox/WebhooksCard'

/** Notification channels (administrators): e-mail through SMTP, SMS, group robots and webhooks, and every delivery. */
export function ChannelsTab() {
  return (
    <>
      <SmtpCard />
      <SmsCard />
      <WebhooksCard />
      <DeliveryLog />
    </>
  )
}
