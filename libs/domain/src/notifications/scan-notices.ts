import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnDomainEvent, type DomainEvents } from '../shared/events';
import { UsersModule, UsersService } from '../users';
import { Notification } from './notification.entity';

type Language = 'en' | 'fr' | 'es';

/** What the in-app notice says, in the reader's language. */
const NOTICES: Record<
  'clean' | 'quarantined',
  Record<Language, (title: string, n: number) => { title: string; body: string }>
> = {
  clean: {
    en: (t, n) => ({
      title: `"${t}" passed the virus check`,
      body: `Version ${n} of "${t}", kept while the virus scanner was unavailable, was found clean and can now be opened.`,
    }),
    fr: (t, n) => ({
      title: `« ${t} » a passé le contrôle antivirus`,
      body: `La version ${n} de « ${t} », conservée pendant que l'antivirus était indisponible, est saine et peut maintenant être ouverte.`,
    }),
    es: (t, n) => ({
      title: `«${t}» pasó el control antivirus`,
      body: `La versión ${n} de «${t}», guardada mientras el antivirus no estaba disponible, está limpia y ya se puede abrir.`,
    }),
  },
  quarantined: {
    en: (t, n) => ({
      title: `"${t}" was quarantined: malware found`,
      body: `The virus scanner found malware in version ${n} of "${t}", uploaded while it was unavailable. Its content was destroyed and will never be served. If the file matters, get a clean copy from its source.`,
    }),
    fr: (t, n) => ({
      title: `« ${t} » mis en quarantaine : logiciel malveillant`,
      body: `L'antivirus a trouvé un logiciel malveillant dans la version ${n} de « ${t} », déposée pendant qu'il était indisponible. Son contenu a été détruit et ne sera jamais servi. Si le fichier compte, obtenez-en une copie saine auprès de sa source.`,
    }),
    es: (t, n) => ({
      title: `«${t}» en cuarentena: programa malicioso`,
      body: `El antivirus encontró un programa malicioso en la versión ${n} de «${t}», subida mientras no estaba disponible. Su contenido fue destruido y nunca se servirá. Si el archivo importa, consiga una copia limpia de su fuente.`,
    }),
  },
};

/**
 * Tells people what became of a document kept while the virus scanner was down: the uploader
 * either way, and every active coordinator when malware was found. Written in the transaction
 * of the scan's result, so a notice exists exactly when the result does.
 */
@Injectable()
export class ScanNotices {
  constructor(private readonly users: UsersService) {}

  @OnDomainEvent('DocumentScanned')
  async documentScanned(tx: EntityManager, e: DomainEvents['DocumentScanned']): Promise<void> {
    // Accounts are few (a campaign's staff): read whole, through their owner.
    const recipients = (await this.users.list()).filter(
      (u) =>
        u.active &&
        (u.id === e.uploadedBy || (e.outcome === 'quarantined' && u.role === 'coordinator')),
    );
    if (!recipients.length) return;
    await tx.insert(
      Notification,
      recipients.map((u) => {
        const lang: Language = u.language === 'fr' || u.language === 'es' ? u.language : 'en';
        return {
          userId: u.id,
          defenderId: e.defenderId,
          // A document's title may be 300 characters; the notice's title holds 300 in all.
          ...NOTICES[e.outcome][lang](shorten(e.title, 200), e.versionNo),
          link: `/app/documents/${e.documentId}`,
          createdAt: e.at,
        };
      }),
    );
  }
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

@Module({ imports: [UsersModule], providers: [ScanNotices] })
export class ScanNoticesModule {}
