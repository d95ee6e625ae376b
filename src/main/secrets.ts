/**
 * The SecretCipher of the tray app: Electron safeStorage (OS keychain / DPAPI / libsecret) through
 * its async API. On Linux without a keyring safeStorage falls back to a fixed key ("basic_text"):
 * the host then asks the user before storing secrets. When encryption is not available at all,
 * secrets are only encoded, and storage is reported as "basic_text" as well.
 */
import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/settings/sealing';
import type { Logger } from '../core/util/logger';

const ENCODED = 'b64:';

export async function createSafeStorageCipher(log: Logger, platform: NodeJS.Platform = process.platform): Promise<SecretCipher> {
  let available = false;
  try {
    available = await safeStorage.isAsyncEncryptionAvailable();
  } catch (e) {
    log.warn('safeStorage is not available', e);
  }
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const storage = available && backend !== 'basic_text' ? 'os' : 'basic_text';
  if (storage === 'basic_text') {
    log.warn(
      available
        ? 'no OS keyring found (safeStorage backend basic_text): secrets are stored with a fixed key, only after the user confirms'
        : 'OS encryption is not available: secrets are stored encoded, only after the user confirms',
    );
  }
  return {
    storage: () => storage,
    async encrypt(plain) {
      if (!available) return ENCODED + Buffer.from(plain, 'utf8').toString('base64');
      return (await safeStorage.encryptStringAsync(plain)).toString('base64');
    },
    async decrypt(sealed) {
      if (sealed.startsWith(ENCODED)) return { value: Buffer.from(sealed.slice(ENCODED.length), 'base64').toString('utf8'), reseal: available };
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
      return { value: result, reseal: shouldReEncrypt };
    },
  };
}
