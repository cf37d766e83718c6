/** @module The facilitator points everyone to a section or a scale; followers' views go there. */
import { useId, useState } from 'react';
import { listScales } from '../../shared/ratings';
import { SECTIONS } from '../../shared/sections';
import { setPresenceField } from './presence';
import type { BoardSession } from './session';

interface Props {
  session: BoardSession;
}

export function FocusControl({ session }: Props) {
  const m = session.messages;
  const id = useId();
  // Only this screen sets its own focus, so the choice can live here.
  const [focus, setFocus] = useState<string>('');
  const scales = listScales(session.doc, session.language);
  return (
    <span className="tool-select">
      <label htmlFor={id}>{m.focusEveryone}</label>
      <select
        id={id}
        value={focus}
        onChange={(event) => {
          setFocus(event.target.value);
          setPresenceField(session.awareness, 'focus', event.target.value || undefined);
        }}
      >
        <option value="">{m.focusNothing}</option>
        {SECTIONS.map((section) => (
          <option key={section.id} value={section.id}>
            {section.label[session.language]}
          </option>
        ))}
        <optgroup label={m.focusScales}>
          {scales.map((scale) => (
            <option key={scale.id} value={scale.id}>
              {scale.label}
            </option>
          ))}
        </optgroup>
      </select>
    </span>
  );
}
