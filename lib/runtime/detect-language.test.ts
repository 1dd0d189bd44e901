import { describe, expect, it } from 'vitest';
import { detectLanguage, replyLanguage } from './detect-language';

describe('detectLanguage', () => {
  it('tells Russian, Kazakh and English apart in ordinary messages', () => {
    expect(detectLanguage('Здравствуйте, сколько стоит замена экрана на iPhone 13?')).toBe('ru');
    expect(detectLanguage('Сәлеметсіз бе, экранды ауыстыру қанша тұрады?')).toBe('kk');
    expect(detectLanguage('Hello, how much does a screen repair cost?')).toBe('en');
  });

  it('knows short messages', () => {
    expect(detectLanguage('Привет')).toBe('ru');
    expect(detectLanguage('Сәлем')).toBe('kk');
    expect(detectLanguage('Hi')).toBe('en');
    expect(detectLanguage('Рахмет')).toBe('kk');
    expect(detectLanguage('спасибо!')).toBe('ru');
  });

  it('knows Kazakh typed on a Russian keyboard (no Kazakh letters)', () => {
    expect(detectLanguage('салем, экран канша турады?')).toBe('kk');
    expect(detectLanguage('калай жасайсыз')).toBe('kk');
  });

  it('keeps a mixed message in the language most of it is written in', () => {
    // One Kazakh greeting in a Russian question: Russian.
    expect(detectLanguage('Сәлем, сколько стоит замена экрана?')).toBe('ru');
    // A Russian noun in a Kazakh question: Kazakh.
    expect(detectLanguage('Экран ауыстыру қанша тұрады?')).toBe('kk');
    // English with a Russian word in it, Russian with a brand name in it.
    expect(detectLanguage('How much is the экран?')).toBe('en');
    expect(detectLanguage('Есть Samsung Galaxy S21?')).toBe('ru');
  });

  it('does not guess on transliteration, emoji or bare brand names (the caller falls back)', () => {
    expect(detectLanguage('privet, skolko stoit zamena ekrana?')).toBeNull();
    expect(detectLanguage('salem, kansha turady?')).toBeNull();
    expect(detectLanguage('👍')).toBeNull();
    expect(detectLanguage('iPhone 13')).toBeNull();
    expect(detectLanguage('')).toBeNull();
  });
});

describe('replyLanguage', () => {
  const auto = { autoDetectLanguage: true, responseLanguage: 'ru' };
  it('answers in the customer language when auto-detect is on, else in the agent language', () => {
    expect(replyLanguage(auto, ['Hello, do you fix phones?'])).toEqual({ language: 'en', detected: 'en' });
    expect(replyLanguage({ autoDetectLanguage: false, responseLanguage: 'kk' }, ['Hello'])).toEqual({ language: 'kk', detected: null });
    expect(replyLanguage({ autoDetectLanguage: false, responseLanguage: null }, ['Hello'])).toEqual({ language: 'ru', detected: null });
  });

  it('looks back past an unclear last message, then falls back to the agent language', () => {
    expect(replyLanguage(auto, ['Сәлеметсіз бе, қанша тұрады?', 'ok'])).toEqual({ language: 'kk', detected: 'kk' });
    expect(replyLanguage({ autoDetectLanguage: true, responseLanguage: 'kk' }, ['privet', '👍'])).toEqual({ language: 'kk', detected: null });
  });
});
