/** @module The record for the case file as a printable page: the map, the scales and who took part, in the board's words. */
import type { BoardExport, CardExport, ScaleExport } from '../../shared/export';
import type { JourneyStop, ScaleJourney } from '../../shared/journey';
import { DATE_LOCALE, type Language } from '../../shared/language';
import { formatScaleValue, SCALE_MAX, SCALE_MIN } from '../../shared/scales';
import { COLUMNS } from '../../shared/sections';
import type { VersionInfo } from '../../shared/version';
import { type Messages, roleWord } from '../i18n';
import { fallbackColor } from '../journey/colors';
import { JourneyChart } from '../journey/JourneyChart';

export interface BoardRecordProps {
  board: BoardExport;
  /** The saved version this is, or null for the board as it is now. */
  version: VersionInfo | null;
  /** Scales across the versions, when there is more than one stop to show. */
  journey: { stops: JourneyStop[]; scales: ScaleJourney[] } | null;
  /** The board's language: the record is for the case file, whatever the reader's UI says. */
  language: Language;
  messages: Messages;
  onPrint: () => void;
}

export function BoardRecord(props: BoardRecordProps) {
  const { board, version, journey, language, messages: m, onPrint } = props;
  const date = (ms: number) => formatDate(ms, language);
  return (
    <main className="record" lang={language}>
      <div className="record-actions">
        <button type="button" onClick={onPrint}>
          {m.printButton}
        </button>
      </div>
      <header className="record-header">
        <p className="record-kind">{m.printKind}</p>
        <h1 className="record-title">{board.title === '' ? m.printUntitled : board.title}</h1>
        <dl className="record-facts" aria-label={m.printFacts}>
          <div>
            <dt>{m.printVersion}</dt>
            <dd>
              {version === null
                ? m.printCurrentBoard
                : m.printVersionSaved(version.label, date(version.createdAt))}
            </dd>
          </div>
          <div>
            <dt>{m.printDate}</dt>
            <dd>{date(version === null ? board.exportedAt : version.createdAt)}</dd>
          </div>
          <div>
            <dt>{m.printCreated}</dt>
            <dd>{date(board.createdAt)}</dd>
          </div>
        </dl>
      </header>

      <section className="record-part" aria-labelledby="record-participants">
        <h2 id="record-participants">{m.printParticipants}</h2>
        {board.participants.length === 0 ? (
          <p className="record-empty">{m.printNoParticipants}</p>
        ) : (
          <ul className="record-people">
            {board.participants.map((participant) => (
              <li key={participant.id}>
                <PersonName name={participant.name} m={m} />{' '}
                <span className="record-role">({roleWord(participant.role, m)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {COLUMNS.map((column) => (
        <section
          key={column.id}
          className="record-part record-column"
          aria-labelledby={`record-${column.id}`}
        >
          <h2 id={`record-${column.id}`}>{column.label[language]}</h2>
          {board.sections
            .filter((section) => section.column === column.id)
            .map((section) => {
              const cards = section.cards.filter((card) => card.text.trim() !== '');
              return (
                <section key={section.id} className="record-section" data-section={section.id}>
                  <h3>{section.label}</h3>
                  {cards.length === 0 ? (
                    <p className="record-empty">{m.printNoCards}</p>
                  ) : (
                    <ol className="record-cards">
                      {cards.map((card) => (
                        <RecordCard key={card.id} card={card} m={m} />
                      ))}
                    </ol>
                  )}
                </section>
              );
            })}
        </section>
      ))}

      <section className="record-part" aria-labelledby="record-scales">
        <h2 id="record-scales">{m.printScales}</h2>
        {board.scales.length === 0 && <p className="record-empty">{m.printNoScales}</p>}
        {board.scales.map((scale) => (
          <RecordScale key={scale.id} scale={scale} language={language} m={m} />
        ))}
      </section>

      {journey !== null && journey.scales.length > 0 && (
        <section className="record-part record-journey" aria-labelledby="record-journey">
          <h2 id="record-journey">{m.printJourney}</h2>
          <p className="record-note">{m.printJourneyNote}</p>
          {journey.scales.map((scale) => (
            <JourneyChart
              key={scale.scaleId}
              scale={scale}
              stops={journey.stops}
              colorOf={(_participant, index) => fallbackColor(index)}
              messages={m}
              language={language}
            />
          ))}
        </section>
      )}

      <footer className="record-footer">
        {m.printFooter} · {m.printExported} {date(board.exportedAt)}
      </footer>
    </main>
  );
}

function RecordCard({ card, m }: { card: CardExport; m: Messages }) {
  const child = card.voice === 'child';
  return (
    <li className={`record-card${child ? ' record-card--child' : ''}`} data-card={card.id}>
      {child && <p className="record-card-voice">{m.printChildsWords}:</p>}
      <p className="record-card-text">{card.text}</p>
      <p className="record-card-author">
        {m.printWrittenBy} <PersonName name={card.authorName} m={m} />
      </p>
    </li>
  );
}

function RecordScale({
  scale,
  language,
  m,
}: {
  scale: ScaleExport;
  language: Language;
  m: Messages;
}) {
  return (
    <section className="record-scale" data-scale={scale.id}>
      <h3>{scale.label === '' ? scale.id : scale.label}</h3>
      <p className="record-scale-ends">
        <span>
          {m.printScaleMeans(SCALE_MIN)}: {scale.low}
        </span>
        <span>
          {m.printScaleMeans(SCALE_MAX)}: {scale.high}
        </span>
      </p>
      {scale.ratings.length === 0 ? (
        <p className="record-empty">{m.printNoRatings}</p>
      ) : (
        // A phone scrolls the table sideways rather than squeeze the notes into slivers.
        <div className="record-table-wrap">
          <table className="record-ratings">
            <thead>
              <tr>
                <th scope="col">{m.printWho}</th>
                <th scope="col">{m.printPosition}</th>
                <th scope="col">{m.printWhy}</th>
                <th scope="col">{m.printNextStep}</th>
              </tr>
            </thead>
            <tbody>
              {scale.ratings.map((rating) => (
                <tr key={rating.participant} data-rating={rating.participant}>
                  <th scope="row">
                    <PersonName name={rating.name} m={m} />
                    {rating.role !== '' && (
                      <span className="record-role"> ({roleWord(rating.role, m)})</span>
                    )}
                  </th>
                  <td className="record-value">
                    <strong>{formatScaleValue(rating.value, language)}</strong> {m.printOutOf}
                    <ValueBar value={rating.value} />
                  </td>
                  <td className="record-note-text">{rating.why ?? ''}</td>
                  <td className="record-note-text">{rating.nextStep ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const VALUE_TICKS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** A 0–10 line with the person's marker: black on white, so it survives any printer. */
function ValueBar({ value }: { value: number }) {
  const x = 4 + (Math.min(SCALE_MAX, Math.max(SCALE_MIN, value)) / SCALE_MAX) * 92;
  return (
    <svg className="record-value-bar" viewBox="0 0 100 12" aria-hidden="true">
      <line x1={4} x2={96} y1={6} y2={6} stroke="#1b1b1f" strokeWidth={1} />
      {VALUE_TICKS.map((tick) => (
        <line
          key={tick}
          x1={4 + tick * 9.2}
          x2={4 + tick * 9.2}
          y1={tick % 5 === 0 ? 2 : 4}
          y2={tick % 5 === 0 ? 10 : 8}
          stroke="#1b1b1f"
          strokeWidth={0.8}
        />
      ))}
      <circle cx={x} cy={6} r={3.6} fill="#1b1b1f" />
    </svg>
  );
}

function PersonName({ name, m }: { name: string; m: Messages }) {
  return name === '' ? <em>{m.printUnknownPerson}</em> : <span>{name}</span>;
}

/** A known role in the record's words; anything else exactly as it was written. */
/** "12 maj 2026 14:05" / "12 May 2026, 14:05": in the reader's time zone, the board's language. */
export function formatDate(ms: number, language: Language): string {
  if (!Number.isFinite(ms)) return '';
  return new Intl.DateTimeFormat(DATE_LOCALE[language], {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(ms);
}
