// Interface strings in Arabic (the default) and English, and the page direction.

const strings = {
  ar: {
    app: 'مرصد', tagline: 'أحداث سياسية من الأخبار العربية',
    events: 'الأحداث', timeline: 'الخط الزمني', map: 'الخريطة', network: 'شبكة الفاعلين', articles: 'المقالات',
    search: 'بحث', searchPlaceholder: 'ابحث في الأخبار والأحداث والأسماء…', lang: 'English',
    date: 'التاريخ', actors: 'المصدر ← الهدف', source: 'المصدر', target: 'الهدف', cameo: 'CAMEO', plover: 'PLOVER',
    mode: 'الصيغة', place: 'المكان', fatalities: 'القتلى', confidence: 'الثقة', outlets: 'المصادر',
    goldstein: 'غولدشتاين', quad: 'الفئة', country: 'البلد', actor: 'الفاعل', outlet: 'الوسيلة', root: 'رمز الجذر',
    from: 'من', to: 'إلى', text: 'النص', minConfidence: 'أدنى ثقة', any: 'الكل', filters: 'التصفية',
    apply: 'تطبيق', reset: 'مسح', more: 'المزيد', loading: 'جار التحميل…', none: 'لا نتائج', error: 'خطأ',
    total: 'المجموع', clearRange: 'إلغاء المدى', brushHint: 'اسحب فوق الأشرطة لتحديد مدى زمني',
    mapHint: 'انقر على تجمع لتصفية الأحداث في منطقته', networkHint: 'من يفعل بمن: سماكة الخط = عدد الأحداث، اللون = متوسط غولدشتاين',
    font: 'الخط', tags: 'دلالات', caption: 'التعليق', credit: 'المصدر', rule: 'القاعدة', code: 'الرمز',
    entities: 'الأسماء', quotes: 'الاقتباسات', speaker: 'المتحدث', roles: 'المناصب', asSource: 'أحداث بصفته مصدراً',
    asTarget: 'أحداث بصفته هدفاً', overTime: 'عبر الزمن', openOriginal: 'المقال الأصلي', story: 'القصة',
    published: 'النشر', newArticle: 'مقال جديد', live: 'مباشر', legend: 'الإيضاح', article: 'المقال',
    trigger: 'الكلمة الدالة', evidence: 'الدليل', wounded: 'الجرحى', unknown: 'غير معروف', all: 'الكل',
    person: 'شخص', org: 'منظمة', loc: 'مكان', eventsCount: 'أحداث', articlesCount: 'مقالات',
    q1: 'تعاون لفظي', q2: 'تعاون مادي', q3: 'نزاع لفظي', q4: 'نزاع مادي',
    m_asserted: 'مؤكد', m_intended: 'نية', m_threatened: 'تهديد', m_demanded: 'مطالبة', m_denied: 'نفي',
    m_conditional: 'مشروط', m_reported: 'منقول', m_question: 'سؤال', m_hoped: 'أمل',
    notFound: 'غير موجود', back: 'رجوع',
  },
  en: {
    app: 'Marsad', tagline: 'Political events from Arabic news',
    events: 'Events', timeline: 'Timeline', map: 'Map', network: 'Actor network', articles: 'Articles',
    search: 'Search', searchPlaceholder: 'Search news, events and names…', lang: 'العربية',
    date: 'Date', actors: 'Source → target', source: 'Source', target: 'Target', cameo: 'CAMEO', plover: 'PLOVER',
    mode: 'Mode', place: 'Place', fatalities: 'Fatalities', confidence: 'Confidence', outlets: 'Outlets',
    goldstein: 'Goldstein', quad: 'Quad class', country: 'Country', actor: 'Actor', outlet: 'Outlet', root: 'Root code',
    from: 'From', to: 'To', text: 'Text', minConfidence: 'Min. confidence', any: 'Any', filters: 'Filters',
    apply: 'Apply', reset: 'Clear', more: 'More', loading: 'Loading…', none: 'No results', error: 'Error',
    total: 'Total', clearRange: 'Clear range', brushHint: 'Drag over the bars to select a date range',
    mapHint: 'Click a cluster to filter the events in its area', networkHint: 'Who acts on whom: line width = events, colour = mean Goldstein',
    font: 'Font', tags: 'Tags', caption: 'Caption', credit: 'Credit', rule: 'Rule', code: 'Code',
    entities: 'Names', quotes: 'Quotes', speaker: 'Speaker', roles: 'Roles', asSource: 'Events as source',
    asTarget: 'Events as target', overTime: 'Over time', openOriginal: 'Original article', story: 'Story',
    published: 'Published', newArticle: 'New article', live: 'Live', legend: 'Legend', article: 'Article',
    trigger: 'Trigger', evidence: 'Evidence', wounded: 'Wounded', unknown: 'unknown', all: 'All',
    person: 'Person', org: 'Organisation', loc: 'Place', eventsCount: 'events', articlesCount: 'articles',
    q1: 'Verbal cooperation', q2: 'Material cooperation', q3: 'Verbal conflict', q4: 'Material conflict',
    m_asserted: 'asserted', m_intended: 'intended', m_threatened: 'threatened', m_demanded: 'demanded', m_denied: 'denied',
    m_conditional: 'conditional', m_reported: 'reported', m_question: 'question', m_hoped: 'hoped',
    notFound: 'Not found', back: 'Back',
  },
};

const KEY = 'marsad.lang';
let lang = 'ar';
try { lang = localStorage.getItem(KEY) === 'en' ? 'en' : 'ar'; } catch { /* storage blocked */ }

export const getLang = () => lang;

export function t(key) {
  return strings[lang][key] ?? strings.en[key] ?? key;
}

// applyLang sets lang and dir on the document element: the whole layout follows.
export function applyLang(l) {
  lang = l === 'en' ? 'en' : 'ar';
  try { localStorage.setItem(KEY, lang); } catch { /* storage blocked */ }
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = t('app');
}

export const modeLabel = (m) => (m ? t('m_' + m) : '');
export const quadLabel = (q) => (q ? t('q' + q) : '');
