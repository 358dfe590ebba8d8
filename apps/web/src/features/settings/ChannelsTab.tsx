import { DeliveryLog } from '../inbox/DeliveryLog'
import { EmailIntakeCard } from '../inbox/EmailIntakeCard'
import { SmsCard } from '../inbox/SmsCard'
import { SmtpCard } from '../inbox/SmtpCard'
import { WebhooksCard } from '../inbox/WebhooksCard'

/**
 * Notification channels (administrators): e-mail through SMTP, SMS, incoming e-mail (tickets from e-mail),
 * group robots and webhooks, and every delivery.
 */
export function ChannelsTab() {
  return (
    <>
      <SmtpCard />
      <SmsCard />
      <EmailIntakeCard />
      <WebhooksCard />
      <DeliveryLog />
    </>
  )
}
