import { hash, verify } from '@node-rs/argon2'

// argon2id (the library's default algorithm) with OWASP's minimum parameters.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, options)

export async function verifyPassword(hashed: string | null, password: string): Promise<boolean> {
  if (!hashed) return false
  try {
    return await verify(hashed, password)
  } catch {
    return false
  }
}

/** A fixed hash to verify against when the e-mail is unknown, so timing does not reveal who has an account. */
let dummy: Promise<string> | undefined
export const dummyHash = () => (dummy ??= hashPassword('not-a-real-password-0penKAM'))
