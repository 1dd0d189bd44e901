// Words that carry no topic in customer messages (greetings, pronouns, question words,
// "how much does it cost"), in Russian, English and Kazakh. PostgreSQL's russian stop list
// keeps e.g. «сколько» and «стоит», which are in almost every price question.
const RU = `а и но или да нет не ни же ли бы вот ну уж уже еще ещё тоже также очень просто даже лишь
в во на с со к ко по о об обо от до за из изо у для при про под над без через между перед около
я мы ты вы он она оно они мне меня мной нам нас нами тебе тебя вам вас вами ему его ей ее её им их ими
мой моя мое моё мои мою моего моей моем моём свой своя свое своё свои свою своего своей
ваш ваша ваше ваши вашу вашего вашей вашем вашим ваших наш наша наше наши нашу нашего
это этот эта эти этого этой этом этим этих тот та те то того той тем том тех
что чего чему чем чём что-то кто кого кому как какой какая какое какие какого какую каким каких
где куда откуда когда почему зачем сколько скока скоко сколко скольк почем почём ли разве
можно нужно надо нельзя есть был была было были будет будут быть буду будем является
хочу хотел хотела хотим хотелось хочется могу может можете могли сможете
подскажите скажите расскажите пожалуйста плиз здравствуйте здрасте привет добрый доброе добрый
день вечер утро спасибо благодарю интересует интересуюсь вопрос вопросик уточнить узнать
стоит стоят стоить стоило обойдется обойдется
там тут здесь так такой такая такие если то чтобы потому поэтому который которая которые
все всё весь вся всех всем всего вообще вобще именно примерно где-то как-то ага ок окей
сделаете делаете сделать сделаем бывает`;

const EN = `a an the and or but not no yes of to in on at by for from with about into over after before
i me my mine we us our you your yours he him his she her it its they them their this that these those
is are was were be been being am do does did doing have has had can could would should will shall may might must
what which who whom whose when where why how much many any some there here then than so too also just very
please hi hello hey thanks thank tell know want need get got let lets like ok okay`;

const KK = `ма ме ба бе па пе ғой ғана еді екен ше да де және мен сен сіз сіздер біз олар ол бұл осы сол
бар жоқ қанша неше не қалай қайда қашан неге кім қандай бола болады болама керек тұрады тұрады
сәлеметсіз рахмет айтыңызшы білгім келеді`;

export const STOP_WORDS: ReadonlySet<string> = new Set(`${RU} ${EN} ${KK}`.split(/\s+/).filter(Boolean));

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
