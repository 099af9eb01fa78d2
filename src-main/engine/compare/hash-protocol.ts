export type HashAlgorithm = 'crc64' | 'md5' | 'sha256'

export type HashRequest =
  | Readonly<{ id: number; type: 'hash'; path: string; algorithms: ReadonlyArray<HashAlgorithm> }>
  | Readonly<{ id: number; type: 'same'; a: string; b: string }>

export type Digests = Partial<Record<HashAlgorithm, string>>

export type HashResponse =
  | Readonly<{ id: number; ok: true; size: number; digests: Digests }>
  | Readonly<{ id: number; ok: true; size: number; same: boolean; firstDifference: number | null }>
  | Readonly<{ id: number; ok: false; side: 'a' | 'b'; code: string }>
