// A small cross-language lexicon for query expansion: customers write in Russian, English,
// Kazakh or Latin-script Russian while a business writes its articles in one language.
// Each line is one concept; a query word that matches an entry (exact word, or `root*` as
// a prefix) adds the other entries as weaker alternatives. It covers everyday service
// vocabulary (prices, payment, hours, warranty, delivery) and the two verticals we serve
// first (phone repair, construction); semantic search covers the rest when configured.
// Entries: `word` (exact), `root*` (prefix), `two words` (a phrase, expansion side only).

const CONCEPTS = `
цена|цены|цену|цене|ценой|стоимост*|прайс*|price*|cost|costs|pricing|баға*
бесплатн*|free|тегін*|даром
оплат*|оплачива*|заплат*|платеж*|pay|paid|paying|payment*|төле*|төлем*
рассрочк*|installment*|instalment*|бөліп|кредит*|credit
ипотек*|mortgage*|loan*|заем|займ*|заём|несие*
банк|банка|банке|банки|банков|банком|банками|bank|banks|банкі*
процент*|interest|пайыз*|переплат*
предоплат*|аванс*|upfront|prepay*|prepayment|advance|deposit
этап*|поэтапн*|stage*|step|steps|phase*|кезең*
договор*|contract*|келісімшарт*
скидк*|discount*|жеңілдік*|акция|акции
гарант*|warrant*|guarantee*|кепіл*
срок|сроки|сроков|срока|долго|длит*|duration|turnaround|long|мерзім*|уақыт*
срочн*|быстр*|urgent*|express|asap|шұғыл*
день|дня|дней|сутки|суток|day|days|күн|күні|күнде
месяц*|month*|ай
год|года|году|лет|year|years|жыл
часы|часов|режим*|график*|hour*|open|opening|close|closing|сағат*
воскресень*|выходн*|sunday*|weekend*|жексенбі*
суббот*|saturday*|сенбі*
адрес*|находит*|address*|location*|located|мекенжай*
офис*|office*|кеңсе*
парковк*|parking|тұрақ*
курьер*|доставк*|courier*|delivery|deliver*|pickup|жеткіз*
телефон*|смартфон*|phone|phones|smartphone*|mobile|ұялы
ремонт*|почин*|чинит*|отремонт*|repair*|fix|fixed|fixing|жөнде*
замен*|поменя*|меняет*|меняе*|replace*|replacement|swap*|ауыстыр*|ауысты*
экран*|дисплей*|дисплея|дисплеи|screen*|display*
стекл*|стекол|glass|шыны*
задн*|крышк*|back|housing
аккумулятор*|батаре*|акб|battery|batteries|батарея*
зарядк*|заряжа*|заряд|charg*|разъем*|порт|port|қуат*
кабел*|шнур*|провод*|cable*|cord|wire
вода|воды|воду|водой|воде|влаг*|жидкост*|water|wet|liquid|sink|су|утопил*|намок*
рис|риса|рисе|rice|күріш*
упал*|уронил*|падени*|dropped|drop|dropping|fell|fall|falls|түсі*|түсіп|құла*
камер*|camera*|объектив*|lens|камера
фото*|фотограф*|снимк*|photo*|picture*|сурет*
данны*|конфиденциальн*|privacy|private|data|дерек*
пароль|парол*|passcode*|password*|құпия*
мастер*|техник*|technician*|master|шебер*
диагност*|проверк*|checkup|check|diagnos*|inspect*|тексер*
трейд*|trade*|tradein|обмен*|exchange|зачет*|айырбас*
аксессуар*|accessor*|чехл*|чехол|case|cases|защитн*|protector*|пленк*
face|faceid|фейс*|фэйс*|truedepth
динамик*|speaker*|микрофон*|microphone*|звук*|sound
нагрева*|греет*|overheat*|hot|қызы*
оригинал*|original*|genuine|түпнұсқа*
копи*|копия|copy|copies|replica*|аналог*
айфон*|iphone*|эпл|apple
самсунг*|samsung*
галакси*|galaxy
сяоми|ксиаоми|ксяоми|xiaomi
редми|redmi
поко|poco
хуавей|huawei
хонор|honor
айпад*|ipad*
каспи*|kaspi*
ватсап*|вацап*|вотсап*|whatsapp
москв*|moscow|мәскеу*
алмат*|almaty|алма-ат*
астан*|astana
дом|дома|дому|домом|доме|домов|house*|home|homes|үй|коттедж*|cottage*|ижс
строит*|строй*|стройк*|постро*|build|building|builds|built|construct*|құрылыс*
фундамент*|foundation*|іргетас*
плит*|slab*|ушп
ленточн*|strip
сваи|свай|сваях|сваям|свая|сваю|pile|piles|қада*
винтов*|screw*
стен*|wall*|қабырға*
кровл*|крыш*|roof*|шатыр*|черепиц*|tile*
утепл*|insulat*|жылыт*|оқшаула*
окна|окно|окон|окнами|окнах|window*|терезе*
двер*|door*|есік*
отоплен*|отаплива*|топит*|heat*|heating|жылу*|котел|котла|котлы|котлом|boiler*
газ|газа|газом|газов*|газифик*|gas
электричеств*|электрик*|электроснабж*|electric*|electricity|квт|kw|электр*
водопровод*|plumbing|су құбыры
канализац*|септик*|septic|sewage|sewer*
скважин*|borehole*|ұңғыма*
каркас*|frame*|timber|дерев*|брус*|ағаш*
кирпич*|brick*|кірпіш*
газобетон*|газоблок*|aerated
землетрясени*|сейсм*|earthquake*|seismic*|сілкін*
зим*|winter*|қыс|қыста
мороз*|frost*|холод*|cold|аяз*
весн*|spring|көктем*
сезон*|season*|маусым*
под ключ|turnkey|кілт*
коробк*|shell|box|қорап*
теплый контур|warm contour|warm-contour
кухн*|kitchen*|мебел*|furniture
разрешени*|permit*|рұқсат*
документ*|document*|paperwork|құжат*
регистрац*|зарегистр*|register*|registration|тірке*
проект*|project*|design*|жоба*|архитектор*|architect*
смет*|estimate*|калькуляц*|есеп*
участ*|учаске*|site|plot|plots|land|жер
инженер*|engineer*
выезд*|приезд*|visit*|келу
геолог*|geolog*|грунт*|soil|groundwater
семь*|family|families
отбасы*|otbasy
технадзор*|надзор*|supervis*|inspector*|қадағала*
неустойк*|штраф*|penalt*|просрочк*|delay*|late|айыппұл*
материал*|material*
образц*|sample*
экскурси*|tour*|showroom
бетон*|concrete
глубин*|depth|deep|терең*
снег*|снеж*|snow*|қар
баня|баню|бани|bathhouse|sauna|монша*
квадрат*|sqm|square|шаршы*
фасад*|facade*|қасбет*
отделк*|отделоч*|finishing|әрлеу*
`;

export interface LexiconEntry {
  text: string;
  prefix: boolean;
  phrase: boolean;
}

function parseEntry(raw: string): LexiconEntry {
  const prefix = raw.endsWith('*');
  const text = prefix ? raw.slice(0, -1) : raw;
  return { text, prefix, phrase: /\s/.test(text) };
}

const GROUPS: LexiconEntry[][] = CONCEPTS.split('\n')
  .map((l) => l.trim())
  .filter(Boolean)
  .map((l) => l.split('|').map((e) => parseEntry(e.trim().toLowerCase().replace(/ё/g, 'е'))));

const EXACT = new Map<string, number[]>();
const PREFIXES: { root: string; group: number }[] = [];
GROUPS.forEach((entries, g) => {
  for (const e of entries) {
    if (e.phrase) continue;
    if (e.prefix) PREFIXES.push({ root: e.text, group: g });
    else EXACT.set(e.text, [...(EXACT.get(e.text) ?? []), g]);
  }
});
// Longer roots first so the most specific concept wins ties.
PREFIXES.sort((a, b) => b.root.length - a.root.length);

/** Entries of every concept the word belongs to, the word's own entry excluded. */
export function expandWord(word: string): LexiconEntry[] {
  const groups = new Set<number>(EXACT.get(word) ?? []);
  for (const p of PREFIXES) {
    if (word.length >= p.root.length && word.startsWith(p.root)) groups.add(p.group);
  }
  const out: LexiconEntry[] = [];
  for (const g of groups) {
    for (const e of GROUPS[g]) {
      if (!e.prefix && !e.phrase && e.text === word) continue;
      if (e.prefix && word.startsWith(e.text)) continue;
      out.push(e);
    }
  }
  return out;
}
