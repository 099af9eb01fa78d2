import { describe, expect, it } from 'vitest'
import { signV4 } from './s3-client'

// AWS's published Signature V4 examples for S3 ("Signature Calculations for the Authorization Header:
// Transferring Payload in a Single Chunk"), with their example key pair.
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const at = new Date('2013-05-24T00:00:00Z')

describe('AWS Signature V4', () => {
  it('GET Bucket lifecycle example', () => {
    const headers = signV4('GET', new URL('https://examplebucket.s3.amazonaws.com/?lifecycle='), 'us-east-1', credentials, at)
    expect(headers.authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543')
  })

  it('GET Bucket (list objects) example', () => {
    const headers = signV4('GET', new URL('https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J'), 'us-east-1', credentials, at)
    expect(headers.authorization).toMatch(/Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7$/)
  })

  it('anonymous without credentials', () => {
    expect(signV4('GET', new URL('http://127.0.0.1:9000/b/k'), 'us-east-1', undefined, at)).not.toHaveProperty('authorization')
  })
})
