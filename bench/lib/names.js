// Name pools for the bench data: clearly fictional people, in the scripts and with the
// accents of the countries a campaign works on. Non-Latin names carry their transliteration
// as an other name, as caseworkers record them.
'use strict';

/** [native, transliteration] pairs where the script is not Latin; plain strings otherwise. */
// prettier-ignore
const POOLS = {
  es: {
    first: ['José', 'María', 'Andrés', 'Lucía', 'Ramón', 'Sofía', 'Héctor', 'Ana', 'Jesús', 'Gabriela', 'Óscar', 'Inés', 'Ángel', 'Marta', 'Raúl', 'Camila', 'Iván', 'Verónica'],
    last: ['García', 'Martínez', 'Rodríguez', 'López', 'Hernández', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Gómez', 'Díaz', 'Vásquez', 'Muñoz', 'Núñez', 'Castañeda', 'Peña', 'Ibáñez', 'Cárdenas', 'Solís'],
    cities: ['Managua', 'Caracas', 'La Habana', 'Tegucigalpa', 'Bogotá', 'Quito', 'Guatemala'],
    prisons: ['La Modelo', 'El Chipote', 'El Helicoide', 'Rodeo I', 'Combinado del Este', 'Mariposa'],
  },
  pt: {
    first: ['João', 'Luíza', 'Conceição', 'Antônio', 'Thaís', 'Sebastião', 'Glória', 'Fátima', 'Inácio', 'Márcia'],
    last: ['Gonçalves', 'Simões', 'Magalhães', 'Araújo', 'Guimarães', 'Brandão', 'Assunção', 'Falcão', 'Teixeira'],
    cities: ['Luanda', 'Maputo', 'Belém', 'Cabinda', 'Nampula'],
    prisons: ['Viana', 'Machava', 'Comarca de Luanda', 'Presídio Central'],
  },
  fr: {
    first: ['Amélie', 'Jérôme', 'François', 'Hélène', 'Désiré', 'Noël', 'Aïcha', 'Béatrice', 'Évariste', 'Clémentine', 'Théodore', 'Gaëlle'],
    last: ['Kaboré', 'Ouédraogo', 'Traoré', 'Diallo', 'Ndiaye', 'Mukendi', 'Nkurunziza', 'Habyarimana', 'Kamgang', 'Sawadogo', 'Tshisekedi', 'Mbemba', 'Koné'],
    cities: ['Kinshasa', 'Goma', 'Bujumbura', 'Kigali', 'Lomé', 'Conakry', 'Bamako', 'Ouagadougou', 'Douala', "N'Djamena"],
    prisons: ['Makala', 'Mpimba', 'Mageragere', 'Kondengui', 'Maison centrale de Bamako', 'Ndolo'],
  },
  ar: {
    first: [['محمد', 'Mohamed'], ['أحمد', 'Ahmed'], ['فاطمة', 'Fatima'], ['علي', 'Ali'], ['مريم', 'Maryam'], ['يوسف', 'Youssef'], ['خديجة', 'Khadija'], ['حسن', 'Hassan'], ['ليلى', 'Layla'], ['عمر', 'Omar'], ['سلمى', 'Salma'], ['نبيل', 'Nabil']],
    last: [['العلي', 'Al-Ali'], ['حسين', 'Hussein'], ['عبد الله', 'Abdullah'], ['الحسن', 'Al-Hassan'], ['إبراهيم', 'Ibrahim'], ['منصور', 'Mansour'], ['سالم', 'Salem'], ['الشامي', 'Al-Shami'], ['بن علي', 'Ben Ali'], ['القاسم', 'Al-Qasim']],
    cities: ['Cairo', 'Alexandria', 'Manama', 'Riyadh', 'Jeddah', 'Tunis', 'Khartoum', "Sana'a", 'Baghdad', 'Rabat'],
    prisons: ['Tora', 'Badr', 'Jau', 'Al-Ha’ir', 'Mornaguia', 'Kober', 'Wadi al-Natrun'],
  },
  fa: {
    first: [['نرگس', 'Narges'], ['رضا', 'Reza'], ['مهدی', 'Mahdi'], ['زهرا', 'Zahra'], ['سپیده', 'Sepideh'], ['آرش', 'Arash'], ['نسرین', 'Nasrin']],
    last: [['محمدی', 'Mohammadi'], ['رضایی', 'Rezaei'], ['احمدی', 'Ahmadi'], ['کریمی', 'Karimi'], ['حسینی', 'Hosseini'], ['صادقی', 'Sadeghi']],
    cities: ['Tehran', 'Mashhad', 'Isfahan', 'Tabriz', 'Kabul', 'Herat'],
    prisons: ['Evin', 'Qarchak', 'Rajaei Shahr', 'Pul-e-Charkhi', 'Vakilabad'],
  },
  ru: {
    first: [['Алексей', 'Aleksei'], ['Мария', 'Maria'], ['Дмитрий', 'Dmitry'], ['Анна', 'Anna'], ['Игорь', 'Igor'], ['Ольга', 'Olga'], ['Сергей', 'Sergei'], ['Юлия', 'Yulia'], ['Наталья', 'Natalya']],
    last: [['Смирнов', 'Smirnov'], ['Кузнецов', 'Kuznetsov'], ['Попов', 'Popov'], ['Соколов', 'Sokolov'], ['Лебедев', 'Lebedev'], ['Козлов', 'Kozlov'], ['Морозов', 'Morozov'], ['Волков', 'Volkov']],
    cities: ['Moscow', 'Minsk', 'Almaty', 'Dushanbe', 'Bishkek', 'Kazan', 'Grodno'],
    prisons: ['Butyrka', 'Lefortovo', 'Okrestina', 'Volodarka', 'Matrosskaya Tishina'],
  },
  zh: {
    first: [['伟', 'Wei'], ['芳', 'Fang'], ['娜', 'Na'], ['敏', 'Min'], ['静', 'Jing'], ['强', 'Qiang'], ['磊', 'Lei'], ['洋', 'Yang'], ['慧', 'Hui']],
    last: [['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'], ['赵', 'Zhao']],
    cities: ['Beijing', 'Guangzhou', 'Urumqi', 'Lhasa', 'Hong Kong', 'Wuhan'],
    prisons: ['Qincheng', 'Lai Chi Kok', 'Stanley', 'Chifeng'],
    joined: true,
  },
  vi: {
    first: ['Thị Hương', 'Văn Đức', 'Minh Tuấn', 'Thị Lan', 'Quốc Bảo', 'Thị Thủy', 'Hữu Nghĩa'],
    last: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng'],
    lastFirst: true,
    cities: ['Hà Nội', 'Hồ Chí Minh', 'Đà Nẵng', 'Nghệ An'],
    prisons: ['Hỏa Lò', 'Xuân Lộc', 'Nam Hà'],
  },
  th: {
    first: [['สมชาย', 'Somchai'], ['สมศรี', 'Somsri'], ['อานนท์', 'Anon'], ['ปนัสยา', 'Panusaya'], ['พริษฐ์', 'Parit']],
    last: [['ใจดี', 'Jaidee'], ['ทองดี', 'Thongdee'], ['ศรีสุข', 'Srisuk'], ['บุญมา', 'Boonma']],
    cities: ['Bangkok', 'Chiang Mai', 'Khon Kaen'],
    prisons: ['Bangkok Remand', 'Klong Prem', 'Central Women’s Correctional Institution'],
  },
  am: {
    first: [['አበበ', 'Abebe'], ['ብርቱካን', 'Birtukan'], ['ዮሐንስ', 'Yohannes'], ['መሰረት', 'Meseret'], ['ዳዊት', 'Dawit']],
    last: [['ከበደ', 'Kebede'], ['ተስፋዬ', 'Tesfaye'], ['ገብረ', 'Gebre'], ['ወልደ', 'Wolde'], ['ኃይሌ', 'Haile']],
    cities: ['Addis Ababa', 'Mekelle', 'Bahir Dar', 'Asmara'],
    prisons: ['Kaliti', 'Qilinto', 'Maekelawi', 'Eiraeiro'],
  },
  hi: {
    first: [['अर्जुन', 'Arjun'], ['प्रिया', 'Priya'], ['राहुल', 'Rahul'], ['सुनीता', 'Sunita'], ['आनंद', 'Anand'], ['कविता', 'Kavita']],
    last: [['शर्मा', 'Sharma'], ['वर्मा', 'Verma'], ['सिंह', 'Singh'], ['यादव', 'Yadav'], ['गुप्ता', 'Gupta']],
    cities: ['Mumbai', 'Delhi', 'Srinagar', 'Kathmandu', 'Raipur'],
    prisons: ['Taloja', 'Tihar', 'Yerawada', 'Nakhu'],
  },
  bn: {
    first: [['রহিম', 'Rahim'], ['ফাতেমা', 'Fatema'], ['শফিক', 'Shafiq'], ['নুসরাত', 'Nusrat']],
    last: [['হোসেন', 'Hossain'], ['রহমান', 'Rahman'], ['চৌধুরী', 'Chowdhury'], ['আহমেদ', 'Ahmed']],
    cities: ['Dhaka', 'Chittagong', 'Sylhet'],
    prisons: ['Kashimpur', 'Keraniganj'],
  },
  tr: {
    first: ['Ayşe', 'Mehmet', 'Zeynep', 'Ömer', 'Çağla', 'Şükrü', 'Gülşen', 'İbrahim', 'Özlem'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Çelik', 'Şahin', 'Öztürk', 'Aydın', 'Doğan', 'Güneş'],
    cities: ['İstanbul', 'Ankara', 'Diyarbakır', 'Bakı', 'İzmir'],
    prisons: ['Silivri', 'Sincan', 'Kandıra', 'Bayıl'],
  },
  en: {
    first: ['Grace', 'Peter', 'Faith', 'Joseph', 'Mercy', 'Samuel', 'Esther', 'Moses', 'Ruth', 'Daniel', 'Patience', 'Godfrey'],
    last: ['Okello', 'Mwangi', 'Otieno', 'Chukwu', 'Moyo', 'Banda', 'Achieng', 'Mutua', 'Adeyemi', 'Nyirenda', 'Kato', 'Ssemwogerere'],
    cities: ['Kampala', 'Nairobi', 'Harare', 'Lagos', 'Dar es Salaam', 'Manila', 'Lahore', 'Lusaka'],
    prisons: ['Luzira', 'Kamiti', 'Chikurubi', 'Kirikiri', 'Bilibid', 'Adiala'],
  },
  ka: {
    first: [['ნინო', 'Nino'], ['გიორგი', 'Giorgi'], ['თამარ', 'Tamar'], ['ლევან', 'Levan']],
    last: [['ბერიძე', 'Beridze'], ['კაპანაძე', 'Kapanadze'], ['გელაშვილი', 'Gelashvili']],
    cities: ['Tbilisi', 'Batumi', 'Kutaisi'],
    prisons: ['Gldani', 'Rustavi'],
  },
  my: {
    first: [['အောင်', 'Aung'], ['ကျော်', 'Kyaw'], ['သူဇာ', 'Thuzar'], ['မင်း', 'Min']],
    last: [['ဝင်း', 'Win'], ['ထွန်း', 'Tun'], ['နိုင်', 'Naing'], ['မြင့်', 'Myint']],
    cities: ['Yangon', 'Mandalay', 'Naypyidaw'],
    prisons: ['Insein', 'Obo', 'Myaungmya'],
    joined: true,
  },
};

// prettier-ignore
const COUNTRIES = {
  es: ['MX', 'CO', 'VE', 'NI', 'GT', 'HN', 'CU', 'PE', 'BO', 'EC'],
  pt: ['BR', 'AO', 'MZ'],
  fr: ['CM', 'CD', 'BI', 'RW', 'TG', 'GN', 'ML', 'BF', 'SN', 'TD'],
  ar: ['EG', 'SA', 'AE', 'BH', 'SY', 'IQ', 'MA', 'TN', 'DZ', 'LY', 'SD', 'YE'],
  fa: ['IR', 'AF'],
  ru: ['RU', 'BY', 'KZ', 'TJ', 'KG'],
  zh: ['CN', 'HK'],
  vi: ['VN'],
  th: ['TH'],
  am: ['ET', 'ER'],
  hi: ['IN', 'NP'],
  bn: ['BD'],
  tr: ['TR', 'AZ'],
  en: ['UG', 'KE', 'ZW', 'NG', 'TZ', 'PH', 'PK', 'ZM'],
  ka: ['GE'],
  my: ['MM'],
};

/** [country, pool] for every country (63). */
const COUNTRY_POOLS = Object.entries(COUNTRIES).flatMap(([pool, codes]) =>
  codes.map((c) => [c, pool]),
);

const native = (x) => (Array.isArray(x) ? x[0] : x);
const latin = (x) => (Array.isArray(x) ? x[1] : x);

/** A person's full name and other names, drawn from a country's pool. */
function personName(r, poolName) {
  const pool = POOLS[poolName];
  const first = r.pick(pool.first);
  const last = r.pick(pool.last);
  const last2 = r.chance(0.25) ? r.pick(pool.last) : null;
  const order = (f, l, l2) =>
    pool.joined ? `${l}${f}` : pool.lastFirst ? `${l} ${f}` : [f, l, l2].filter(Boolean).join(' ');
  const fullName = order(native(first), native(last), last2 && native(last2));
  const others = [];
  if (Array.isArray(first)) {
    others.push(
      pool.joined
        ? `${latin(last)} ${latin(first)}`
        : [latin(first), latin(last), last2 && latin(last2)].filter(Boolean).join(' '),
    );
  }
  if (r.chance(0.15)) others.push(`${latin(first)} ${latin(r.pick(pool.last))}`);
  return { fullName, otherNames: [...new Set(others)].filter((o) => o !== fullName) };
}

module.exports = { POOLS, COUNTRY_POOLS, personName, latin, native };
