/** @module The scales in the list view: what 0 and 10 mean, everyone's markers, and mine. */
import type { ScaleView } from '../../shared/ratings';
import { formatScaleValue } from '../../shared/scales';
import { useSession } from '../board/session';
import { ScaleSlider } from './ScaleSlider';

interface Props {
  scales: ScaleView[];
}

export function ScaleList({ scales }: Props) {
  const { messages: m } = useSession();
  return (
    <div className="list-scales">
      <h2>{m.listScales}</h2>
      {scales.map((scale) => (
        <ScaleItem key={scale.id} scale={scale} />
      ))}
    </div>
  );
}

function ScaleItem({ scale }: { scale: ScaleView }) {
  const { me, language, messages: m } = useSession();
  const mine =
    me === null ? undefined : scale.ratings.find((rating) => rating.participant === me.id);
  return (
    <div className="list-scale">
      <h3>{scale.label}</h3>
      <p className="list-scale-end">
        {m.listScaleLow}: {scale.low}
      </p>
      <p className="list-scale-end">
        {m.listScaleHigh}: {scale.high}
      </p>
      {scale.ratings.length === 0 ? (
        <p className="no-cards">{m.listNoMarkers}</p>
      ) : (
        <ul className="list-ratings">
          {scale.ratings.map((rating) => (
            <li key={rating.participant}>
              <span className="list-rating-value">
                {rating.name}: {formatScaleValue(rating.value, language)}
              </span>
              {rating.why !== undefined && (
                <p className="list-rating-note">
                  {m.listWhy}: {rating.why}
                </p>
              )}
              {rating.nextStep !== undefined && (
                <p className="list-rating-note">
                  {m.listOneStepUp}: {rating.nextStep}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {me !== null && <ScaleSlider scaleId={scale.id} label={scale.label} rating={mine} />}
    </div>
  );
}
