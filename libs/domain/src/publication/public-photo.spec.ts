import sharp from 'sharp';
import {
  photoDocumentProblem,
  PUBLIC_PHOTO_TOKEN_PATTERN,
  publicPhotoSize,
  publicPhotoToken,
  renderPublicPhoto,
  type PhotoDocumentFacts,
} from './public-photo';

const DEFENDER = '11111111-1111-4111-8111-111111111111';
const photo: PhotoDocumentFacts = {
  defenderId: DEFENDER,
  kind: 'photo',
  confidential: false,
  deleted: false,
  fileType: 'jpeg',
  metadataRemoved: true,
};

describe('photoDocumentProblem', () => {
  it('accepts a live, non-confidential photo of the defender, re-encoded at intake', () => {
    for (const fileType of ['jpeg', 'png', 'webp'])
      expect(photoDocumentProblem({ ...photo, fileType }, DEFENDER)).toBeNull();
  });

  it('names what is wrong, in order', () => {
    expect(photoDocumentProblem(null, DEFENDER)).toBe('other_defender');
    expect(photoDocumentProblem({ ...photo, defenderId: 'x' }, DEFENDER)).toBe('other_defender');
    expect(photoDocumentProblem({ ...photo, deleted: true, confidential: true }, DEFENDER)).toBe(
      'deleted',
    );
    expect(photoDocumentProblem({ ...photo, kind: 'evidence' }, DEFENDER)).toBe('not_photo_kind');
    expect(photoDocumentProblem({ ...photo, fileType: 'pdf' }, DEFENDER)).toBe('not_image');
    expect(photoDocumentProblem({ ...photo, metadataRemoved: false }, DEFENDER)).toBe('not_image');
    expect(photoDocumentProblem({ ...photo, fileType: 'gif' }, DEFENDER)).toBe('not_image');
    expect(photoDocumentProblem({ ...photo, confidential: true }, DEFENDER)).toBe('confidential');
  });
});

describe('publicPhotoSize', () => {
  it('fits the longest side in 800 pixels and never enlarges', () => {
    expect(publicPhotoSize(4000, 3000)).toEqual({ width: 800, height: 600 });
    expect(publicPhotoSize(1200, 2400)).toEqual({ width: 400, height: 800 });
    expect(publicPhotoSize(1000, 1000)).toEqual({ width: 800, height: 800 });
    expect(publicPhotoSize(801, 3)).toEqual({ width: 800, height: 3 });
    expect(publicPhotoSize(10000, 1)).toEqual({ width: 800, height: 1 });
    expect(publicPhotoSize(640, 480)).toEqual({ width: 640, height: 480 });
  });
});

describe('publicPhotoToken', () => {
  it('is URL-safe, stable, and changes with the version or its content', () => {
    const t = publicPhotoToken('v1', 'a'.repeat(64));
    expect(t).toMatch(PUBLIC_PHOTO_TOKEN_PATTERN);
    expect(publicPhotoToken('v1', 'a'.repeat(64))).toBe(t);
    expect(publicPhotoToken('v2', 'a'.repeat(64))).not.toBe(t);
    expect(publicPhotoToken('v1', 'b'.repeat(64))).not.toBe(t);
    expect(t).not.toContain('v1');
  });
});

describe('renderPublicPhoto', () => {
  it('writes a WebP of the given size with no metadata', async () => {
    const stored = await sharp({
      create: { width: 1000, height: 500, channels: 3, background: { r: 200, g: 10, b: 10 } },
    })
      .withExif({ IFD0: { Make: 'UnitCam' } })
      .withIccProfile('p3')
      .jpeg()
      .toBuffer();
    const out = await renderPublicPhoto(stored, publicPhotoSize(1000, 500));
    const meta = await sharp(out).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 800, height: 400 });
    expect([meta.exif, meta.icc, meta.xmp, meta.iptc]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
